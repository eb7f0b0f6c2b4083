import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '@contract';
import { api } from '../../api';
import { toApiError } from '../../api/client';
import { base64ToBytes } from '../onboarding/onboarding-ui';
import { inlineKind } from './media-kind';

type Media = NonNullable<MessageView['media']>;


/** Fetches the bytes through the API (both transports) and keeps them as a blob URL while shown. */
function useMediaUrl(media: Media, enabled: boolean): { url: string | null; error: string | null } {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let objectUrl: string | null = null;
    api.call('media.get', { mediaId: media.id }).then(
      (m) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(new Blob([base64ToBytes(m.base64)], { type: m.mime }));
        setUrl(objectUrl);
      },
      (err: unknown) => live && setError(toApiError(err).message),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [media.id, enabled]);
  return { url, error };
}

/** A received or sent file: photo shown inline, audio/video playable, documents downloadable. */
export function MediaAttachment({ message, media }: { message: MessageView; media: Media }) {
  const { t } = useTranslation();
  const kind = inlineKind(media.mime);
  const [wanted, setWanted] = useState(kind === 'image');
  const { url, error } = useMediaUrl(media, wanted);
  const label = `${t(`conversation.media.${message.type}`)}${media.fileName ? ` · ${media.fileName}` : ''}`;
  const sizeKb = Math.max(1, Math.round(media.size / 1024));

  if (error) return <div className="msg__media msg__media--error">⚠ {label}: {error}</div>;
  if (url && kind === 'image') return <img className="msg__image" src={url} alt={label} data-testid="message-image" />;
  if (url && kind === 'video') return <video className="msg__video" src={url} controls preload="metadata" />;
  if (url && kind === 'audio') return <audio src={url} controls preload="metadata" />;
  if (url) {
    return (
      <a className="msg__media" href={url} download={media.fileName ?? `tresen-${media.id}`} data-testid="message-download">
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
