import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { neutraliseFileName, type MessageView } from '@contract';
import { errorText } from '../../i18n/errors';
import { mediaActions } from './media-actions';
import { useMedia, type MediaEntry } from './media-store';
import { inlineKind } from './media-kind';

const NONE: MediaEntry = { url: null, error: null };

type Media = NonNullable<MessageView['media']>;


/** The bytes as a blob URL while shown (see media-actions). */
function useMediaUrl(media: Media, enabled: boolean): MediaEntry {
  useEffect(() => {
    if (!enabled) return;
    mediaActions.acquire(media.id);
    return () => mediaActions.release(media.id);
  }, [media.id, enabled]);
  return useMedia((s) => s.byId[media.id]) ?? NONE;
}

/** A received or sent file: photo shown inline, audio/video playable, documents downloadable. */
export function MediaAttachment({ message, media }: { message: MessageView; media: Media }) {
  const { t } = useTranslation();
  const kind = inlineKind(media.mime);
  const [wanted, setWanted] = useState(kind === 'image');
  const { url, error } = useMediaUrl(media, wanted);
  // Bidi and control characters in a name are shown as such, never applied ("rechnung‮gnp.exe").
  const fileName = media.fileName ? neutraliseFileName(media.fileName) : null;
  const label = `${t(`conversation.media.${message.type}`)}${fileName ? ` · ${fileName}` : ''}`;
  const sizeKb = Math.max(1, Math.round(media.size / 1024));

  if (error) return <div className="msg__media msg__media--error">⚠ {label}: {errorText(t, error)}</div>;
  if (url && kind === 'image') return <img className="msg__image" src={url} alt={label} data-testid="message-image" />;
  if (url && kind === 'video') return <video className="msg__video" src={url} controls preload="metadata" />;
  if (url && kind === 'audio') return <audio src={url} controls preload="metadata" />;
  if (url) {
    return (
      <a className="msg__media" href={url} download={fileName ?? `tresen-${media.id}`} data-testid="message-download">
        ⬇ {label} ({sizeKb} KB)
      </a>
    );
  }
  return (
    <button type="button" className="msg__media msg__media--load" onClick={() => setWanted(true)} disabled={wanted}>
      <span aria-hidden="true">📎 </span>
      {label} ({sizeKb} KB)
    </button>
  );
}
