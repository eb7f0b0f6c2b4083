import { AlertTriangle, Contact, Download, ExternalLink, FileText, MapPin, Paperclip } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { playableKind } from '@contract/mime';
import type { MessageView } from '@contract';
import { neutraliseFileName } from '@contract/text';
import { errorText } from '../../i18n/errors';
import { formatPhone } from '../../lib/format';
import { openExternal } from './actions';
import { useConversation } from './conversation-store';
import { useMediaUrl, type Media } from './media-url';
import './media.css';

const SPEEDS = [1, 1.5, 2] as const;

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–:––';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A received or sent file: photo (opens the viewer), video and audio players, or a document card. */
export function MediaAttachment({ message, media: raw }: { message: MessageView; media: Media }) {
  // Bidi and control characters in a name are shown as such, never applied ("rechnung\u202Egnp.exe").
  const media = raw.fileName ? { ...raw, fileName: neutraliseFileName(raw.fileName) } : raw;
  const kind = playableKind(media.mime);
  if (kind === 'image') return <ImageThumb message={message} media={media} />;
  if (kind === 'video') return <VideoPlayer message={message} media={media} />;
  if (kind === 'audio') return <AudioPlayer message={message} media={media} />;
  return <DocumentCard message={message} media={media} />;
}

function MediaError({ message, media, error }: { message: MessageView; media: Media; error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="msg__media msg__media--error" role="alert">
      <AlertTriangle size={16} aria-hidden="true" /> {t(`conversation.media.${message.type}`)}
      {media.fileName ? ` · ${media.fileName}` : ''}: {errorText(t, error)}
    </div>
  );
}

function ImageThumb({ message, media }: { message: MessageView; media: Media }) {
  const { t } = useTranslation();
  const { url, error } = useMediaUrl(media, true);
  if (error) return <MediaError message={message} media={media} error={error} />;
  const label = t('conversation.media.openImage', { name: media.fileName ?? t('conversation.media.image') });
  return (
    <button
      type="button"
      className="msg__image-button"
      aria-label={label}
      title={label}
      data-testid="message-image-open"
      onClick={() => useConversation.getState().view(message.id)}
    >
      {url ? <img className="msg__image" src={url} alt="" data-testid="message-image" /> : <span className="msg__image msg__image--loading" />}
    </button>
  );
}

function VideoPlayer({ message, media }: { message: MessageView; media: Media }) {
  const { t } = useTranslation();
  const { url, error } = useMediaUrl(media, true);
  if (error) return <MediaError message={message} media={media} error={error} />;
  return (
    <video
      className="msg__video"
      src={url ?? undefined}
      controls
      preload="metadata"
      data-testid="message-video"
      aria-label={media.fileName ?? t('conversation.media.video')}
    />
  );
}

function AudioPlayer({ message, media }: { message: MessageView; media: Media }) {
  const { t } = useTranslation();
  const { url, error } = useMediaUrl(media, true);
  const ref = useRef<HTMLAudioElement>(null);
  const [duration, setDuration] = useState<number | null>(null);
  const [speed, setSpeed] = useState<number>(1);
  if (error) return <MediaError message={message} media={media} error={error} />;
  const label = message.type === 'voice' ? t('conversation.media.voice') : (media.fileName ?? t('conversation.media.audio'));
  return (
    <div className="audio" data-testid="message-audio">
      <audio
        ref={ref}
        src={url ?? undefined}
        controls
        preload="metadata"
        aria-label={label}
        onLoadedMetadata={(e) => {
          setDuration(e.currentTarget.duration);
          e.currentTarget.playbackRate = speed;
        }}
      />
      <div className="audio__row">
        <span className="audio__duration" data-testid="audio-duration">
          {label} · {duration === null ? '–:––' : formatDuration(duration)}
        </span>
        <span className="audio__speeds" role="group" aria-label={t('conversation.media.speed')}>
          {SPEEDS.map((s) => (
            <button
              key={s}
              type="button"
              className={`audio__speed${s === speed ? ' audio__speed--on' : ''}`}
              aria-pressed={s === speed}
              data-testid="audio-speed"
              onClick={() => {
                setSpeed(s);
                if (ref.current) ref.current.playbackRate = s;
              }}
            >
              {String(s).replace('.', ',')}×
            </button>
          ))}
        </span>
      </div>
    </div>
  );
}

function DocumentCard({ message, media }: { message: MessageView; media: Media }) {
  const { t } = useTranslation();
  // The bytes are fetched on the first click and kept while the card is shown.
  const [needed, setNeeded] = useState(false);
  const [pending, setPending] = useState<null | 'open' | 'save'>(null);
  const { url, error } = useMediaUrl(media, needed);
  const name = media.fileName ?? t(`conversation.media.${message.type}`);
  const saveRef = useRef<HTMLAnchorElement>(null);
  const act = (what: 'open' | 'save', href: string): void => {
    if (what === 'open') window.open(href, '_blank', 'noopener');
    else saveRef.current?.click();
  };
  useEffect(() => {
    if (!url || !pending) return;
    act(pending, url);
    setPending(null);
  }, [url, pending]);
  const ask = (what: 'open' | 'save'): void => {
    if (url) act(what, url);
    else {
      setNeeded(true);
      setPending(what);
    }
  };
  return (
    <div className="doc" data-testid="message-document">
      <FileText className="doc__icon" size={28} aria-hidden="true" />
      <div className="doc__info">
        <div className="doc__name">{name}</div>
        <div className="doc__meta">
          {media.mime.split(';')[0]} · {formatSize(media.size)}
        </div>
        {error && <div className="doc__error">{errorText(t, error)}</div>}
      </div>
      <div className="doc__actions">
        <button type="button" className="btn btn--small" data-testid="document-open" onClick={() => ask('open')}>
          <ExternalLink size={14} aria-hidden="true" /> {t('conversation.media.open')}
        </button>
        <button type="button" className="btn btn--small" data-testid="document-save" onClick={() => ask('save')}>
          <Download size={14} aria-hidden="true" /> {t('conversation.media.save')}
        </button>
        <a ref={saveRef} hidden href={url ?? undefined} download={media.fileName ?? `tresen-${media.id}`} tabIndex={-1} aria-hidden="true" />
      </div>
    </div>
  );
}

/** A shared place: its name and address, coordinates and a link to OpenStreetMap. */
export function LocationCard({ location }: { location: NonNullable<MessageView['location']> }) {
  const { t } = useTranslation();
  const { latitude: lat, longitude: lon } = location;
  const url = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  return (
    <div className="place" data-testid="message-location">
      <MapPin className="place__icon" size={24} aria-hidden="true" />
      <div className="place__info">
        <div className="place__name">{location.name ?? t('conversation.media.location')}</div>
        {location.address && <div className="place__address">{location.address}</div>}
        <div className="place__coords">
          {lat.toFixed(5)}, {lon.toFixed(5)}
        </div>
        <a
          className="place__link"
          href={url}
          data-testid="location-link"
          onClick={(e) => {
            e.preventDefault();
            openExternal(url);
          }}
        >
          <ExternalLink size={14} aria-hidden="true" /> {t('conversation.media.openMap')}
        </a>
      </div>
    </div>
  );
}

/** Shared contact cards: name and number. */
export function ContactCards({ cards }: { cards: NonNullable<MessageView['cards']> }) {
  return (
    <div className="cards">
      {cards.map((c, i) => (
        <div key={i} className="card" data-testid="message-contact">
          <Contact className="card__icon" size={24} aria-hidden="true" />
          <div>
            <div className="card__name">{c.name}</div>
            {c.phone && <div className="card__phone">{c.phone.startsWith('+') ? formatPhone(c.phone) : c.phone}</div>}
          </div>
        </div>
      ))}
    </div>
  );
}

/** A file the message announces but whose bytes are not here (yet). */
export function MissingMedia({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  return (
    <div className="msg__media">
      <Paperclip size={14} aria-hidden="true" /> {t(`conversation.media.${message.type}`)}
    </div>
  );
}
