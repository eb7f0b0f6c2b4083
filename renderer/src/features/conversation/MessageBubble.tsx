import { AlertTriangle, Check, CheckCheck, Clock, Lock, Reply } from 'lucide-react';
import { memo, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { MessageStatus, MessageView, NoteView } from '@contract';
import { controller } from '../../app/instance';
import { formatClock, formatDateTime } from '../../lib/format';
import { errorText } from '../../i18n/errors';
import { useUi } from '../../store/ui';
import { conversationActions } from './actions';
import { useConversation } from './conversation-store';
import { ContactCards, LocationCard, MediaAttachment, MissingMedia } from './MediaAttachment';
import { RichText } from './RichText';
import { showsAuthor } from './row-height';
import './message.css';

const TICKS: Partial<Record<MessageStatus, typeof Check>> = {
  queued: Clock,
  sent: Check,
  delivered: CheckCheck,
  read: CheckCheck,
  failed: AlertTriangle,
};

function StatusTicks({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  const Icon = TICKS[status];
  if (!Icon) return null;
  const label = t(`conversation.status.${status}`);
  return (
    <span className={`ticks ticks--${status}`} title={label} role="img" aria-label={label} data-testid="message-status">
      <Icon size={14} aria-hidden="true" />
    </span>
  );
}

/** Who wrote it: the staff profile (name in its colour), the bot, the shop's phone, or system texts. */
function Author({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const color = useConversation((s) => (message.authorProfileId !== null ? s.profiles[message.authorProfileId]?.color : undefined));
  if (message.author === 'staff' && message.authorName) {
    return (
      <div className="msg__author msg__author--staff" data-testid="message-author">
        <span className="msg__dot" style={color ? { background: color } : undefined} aria-hidden="true" />
        {message.authorName}
      </div>
    );
  }
  if (!showsAuthor(message)) return null;
  return (
    <div className="msg__author" data-testid="message-author">
      {t(`conversation.author.${message.author}`)}
    </div>
  );
}

/** The message this one answers, above its text; clicking scrolls to it. */
export function QuotedMessage({ quoted }: { quoted: NonNullable<MessageView['quoted']> }) {
  const { t } = useTranslation();
  const who = quoted.direction === 'in' ? t('conversation.author.customer') : t('conversation.author.staff');
  const text = quoted.body || t(`conversation.media.${quoted.type}`, { defaultValue: quoted.type });
  return (
    <button
      type="button"
      className={`quote quote--${quoted.direction}`}
      data-testid="message-quote"
      onClick={() => useUi.getState().focusMessage(quoted.id)}
      title={t('conversation.quoteJump')}
    >
      <span className="quote__who">{who}</span>
      <span className="quote__text">{text}</span>
    </button>
  );
}

export const MessageBubble = memo(function MessageBubble({ message, focused }: { message: MessageView; focused: boolean }) {
  const { t, i18n } = useTranslation();
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  // Consent and privacy texts are long and the same every time; staff can expand them.
  const collapsible = message.author === 'system' && message.body.split('\n').length + message.body.length / 60 > 4;
  const [expanded, setExpanded] = useState(false);
  const isMedia = message.type !== 'text';
  const canReply = !message.revoked && (message.author === 'customer' || message.author === 'staff' || message.author === 'phone' || message.author === 'bot');

  const retry = async (): Promise<void> => {
    setRetrying(true);
    setRetryError(null);
    try {
      await controller.retry(message.id);
    } catch (err) {
      setRetryError(errorText(t, err));
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div
      className={`msg msg--${message.direction} msg--${message.author}${message.status === 'failed' ? ' msg--failed' : ''}${focused ? ' msg--focused' : ''}`}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
      data-id={message.id}
      data-type={message.type}
    >
      <div className="msg__bubble">
        <Author message={message} />
        {message.revoked ? (
          // Deleted for everyone by the sender: nothing of it is kept or shown.
          <div className="msg__body msg__body--revoked" data-testid="message-revoked">
            {t('conversation.revoked')}
          </div>
        ) : (
          <>
            {message.quoted && <QuotedMessage quoted={message.quoted} />}
            {message.media && <MediaAttachment message={message} media={message.media} />}
            {message.location && <LocationCard location={message.location} />}
            {message.cards && message.cards.length > 0 && <ContactCards cards={message.cards} />}
            {isMedia && !message.media && !message.location && !message.cards?.length && message.type !== 'system' && (
              <MissingMedia message={message} />
            )}
            {/* Text only: whatever the customer typed is never interpreted as markup; links ask first. */}
            {message.body && !(message.type === 'contact_card' && message.cards?.length) && !(message.location && message.body === message.location.name) && (
              <div className={`msg__body${collapsible && !expanded ? ' msg__body--clamped' : ''}`}>
                <RichText text={message.body} />
              </div>
            )}
          </>
        )}
        {collapsible && (
          <button type="button" className="msg__more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('conversation.showLess') : t('conversation.showMore')}
          </button>
        )}
        <div className="msg__meta">
          {canReply && (
            <button
              type="button"
              className="msg__reply"
              data-testid="message-reply"
              aria-label={t('conversation.reply')}
              title={t('conversation.reply')}
              onClick={() => conversationActions.replyTo(message.contactId, message)}
            >
              <Reply size={14} aria-hidden="true" />
            </button>
          )}
          {message.edited && !message.revoked && (
            <span className="msg__edited" data-testid="message-edited">
              {t('conversation.edited')}
            </span>
          )}
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, i18n.language) ?? undefined}>
            {formatClock(message.createdAt, i18n.language)}
          </time>
          {message.direction === 'out' && <StatusTicks status={message.status} />}
        </div>
      </div>
      {message.status === 'failed' && message.direction === 'out' && (
        <div className="msg__failure" role="alert">
          <span>{message.error ?? t('conversation.status.failed')}</span>
          <button
            type="button"
            className="btn btn--small btn--warn"
            data-testid="message-retry"
            disabled={retrying}
            onClick={() => void retry()}
          >
            {t('conversation.retry')}
          </button>
          {retryError && <span className="msg__retry-error">{t('conversation.retryFailed', { message: retryError })}</span>}
        </div>
      )}
    </div>
  );
});

/** An internal note: inline in the history, visibly different, never sent. */
export const NoteBubble = memo(function NoteBubble({ note }: { note: NoteView }) {
  const { t, i18n } = useTranslation();
  const color = useConversation((s) => (note.authorProfileId !== null ? s.profiles[note.authorProfileId]?.color : undefined));
  return (
    <div className="note" data-testid="note" data-id={note.id}>
      <div className="note__bubble">
        <div className="note__head">
          <Lock size={13} aria-hidden="true" />
          <span className="note__label">{t('conversation.note.label')}</span>
          <span className="msg__dot" style={color ? { background: color } : undefined} aria-hidden="true" />
          <span className="note__author">{note.authorName}</span>
        </div>
        <div className="note__body">
          <RichText text={note.text} />
        </div>
        <div className="msg__meta">
          <time dateTime={note.createdAt} title={formatDateTime(note.createdAt, i18n.language) ?? undefined}>
            {formatClock(note.createdAt, i18n.language)}
          </time>
        </div>
      </div>
    </div>
  );
});
