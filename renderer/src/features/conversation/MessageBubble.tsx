import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageStatus, MessageView } from '@contract';
import { controller } from '../../app/instance';
import { formatClock, formatDateTime } from '../../lib/format';
import { MediaAttachment } from './MediaAttachment';
import { errorText } from '../../i18n/errors';

const TICKS: Partial<Record<MessageStatus, string>> = {
  queued: '⏱',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
};

function StatusTicks({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  const tick = TICKS[status];
  if (!tick) return null;
  const label = t(`conversation.status.${status}`);
  return (
    <span className={`ticks ticks--${status}`} title={label} aria-label={label} data-testid="message-status">
      {tick}
    </span>
  );
}

export function MessageBubble({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  // Consent and privacy texts are long and the same every time; staff can expand them.
  const collapsible = message.author === 'system' && message.body.split('\n').length + message.body.length / 60 > 4;
  const [expanded, setExpanded] = useState(false);
  const showAuthor = message.author === 'bot' || message.author === 'system' || message.author === 'phone';
  const isMedia = message.type !== 'text';

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
      className={`msg msg--${message.direction} msg--${message.author}${message.status === 'failed' ? ' msg--failed' : ''}`}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
      data-id={message.id}
    >
      <div className="msg__bubble">
        {showAuthor && <div className="msg__author">{t(`conversation.author.${message.author}`)}</div>}
        {message.media && <MediaAttachment message={message} media={message.media} />}
        {isMedia && !message.media && (
          <div className="msg__media">
            <span aria-hidden="true">📎 </span>
            {t(`conversation.media.${message.type}`)}
          </div>
        )}
        {/* Text only: whatever the customer typed is never interpreted as markup. */}
        {message.body && (
          <div className={`msg__body${collapsible && !expanded ? ' msg__body--clamped' : ''}`}>{message.body}</div>
        )}
        {collapsible && (
          <button type="button" className="msg__more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('conversation.showLess') : t('conversation.showMore')}
          </button>
        )}
        <div className="msg__meta">
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
}
