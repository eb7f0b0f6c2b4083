import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { InboxItem, ProfileView } from '@contract';
import { displayName, formatDateTime, formatListTime, formatPhone, formatWaiting } from '../../lib/format';
import { ContactConsentBadge } from '../consent/ContactConsentBadge';
import { RowMenu } from './RowMenu';
import './unread-pill.css';

export const ROW_HEIGHT = 56;

/** Last customer or staff message as one line; files are labelled in the UI's language. */
export function previewText(item: InboxItem, t: TFunction): string {
  const body = item.lastMessagePreview;
  const type = item.lastMessageType;
  if (body === null && type === null) return t('contacts.noMessages');
  const who = item.previewAuthor === 'staff' && item.previewAuthorName ? `${item.previewAuthorName}: ` : '';
  if (!type || type === 'text' || type === 'system') return `${who}${body ?? ''}`;
  const label = t(`conversation.media.${type}`, { defaultValue: type });
  return `${who}${body ? `${label} · ${body}` : label}`;
}

export interface InboxRowProps {
  item: InboxItem;
  selected: boolean;
  /** The one row in the list's Tab order (roving focus). */
  tabStop: boolean;
  assignee: ProfileView | null;
  now: Date;
  index: number;
  /** Stable across renders (with the row and its index as arguments), so a row that did not change is not rendered again. */
  onOpen(item: InboxItem, index: number): void;
  onFocusRow(index: number): void;
}

export const InboxRow = memo(function InboxRow({ item, selected, tabStop, assignee, now, index, onOpen, onFocusRow }: InboxRowProps) {
  const { t, i18n } = useTranslation();
  const name = displayName(item);
  const phone = formatPhone(item.phone);
  const waiting = formatWaiting(item.waitingSince, now, i18n.language);
  const quarantined = item.quarantined > 0;
  return (
    <div
      className={`inbox-row${selected ? ' inbox-row--selected' : ''}${item.unread > 0 ? ' inbox-row--unread' : ''}`}
      data-testid="contact-row"
      data-phone={item.phone}
      data-status={item.status}
    >
      <button
        type="button"
        className="inbox-row__main"
        data-index={index}
        tabIndex={tabStop ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(item, index)}
        onFocus={() => onFocusRow(index)}
      >
        <span className="inbox-row__line">
          <span
            className="assignee-dot"
            style={assignee ? { background: assignee.color } : undefined}
            data-testid="assignee-dot"
            title={assignee ? t('inbox.assignee', { name: assignee.name }) : t('inbox.unassigned')}
            aria-label={assignee ? t('inbox.assignee', { name: assignee.name }) : t('inbox.unassigned')}
            role="img"
          />
          <span className="inbox-row__name" title={name === phone ? phone : `${name} · ${phone}`}>
            {name}
            {/* A name the customer chose (or staff gave) never hides who wrote: the number stays readable. */}
            {name !== phone && <span className="inbox-row__phone">{phone}</span>}
          </span>
          {item.labels.slice(0, 2).map((l) => (
            <span key={l.id} className="label-chip label-chip--small" style={{ ['--label' as string]: l.color }} data-testid="row-label">
              {l.name}
            </span>
          ))}
          {waiting ? (
            <span className="inbox-row__waiting" data-testid="waiting-since" title={formatDateTime(item.waitingSince, i18n.language) ?? undefined}>
              {t('inbox.waitingSince', { since: waiting })}
            </span>
          ) : (
            <time className="inbox-row__time" dateTime={item.lastActivityAt}>
              {formatListTime(item.lastActivityAt, now, i18n.language, t('time.yesterday'))}
            </time>
          )}
        </span>
        <span className="inbox-row__line">
          <ContactConsentBadge contact={item} />
          {quarantined ? (
            <span className="inbox-row__quarantine" data-testid="waiting-consent">
              {t('contacts.waitingForConsentCount', { count: item.quarantined })}
            </span>
          ) : (
            <span className="inbox-row__preview">{previewText(item, t)}</span>
          )}
          {item.status !== 'open' && <span className={`status-tag status-tag--${item.status}`}>{t(`inbox.status.${item.status}`)}</span>}
          {item.unread > 0 && (
            <span className="unread-pill" title={t('contacts.unread', { count: item.unread })} aria-label={t('contacts.unread', { count: item.unread })}>
              {item.unread}
            </span>
          )}
        </span>
      </button>
      <RowMenu item={item} name={name} />
    </div>
  );
});
