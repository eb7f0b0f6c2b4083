import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '@contract';
import { controller } from '../../app/instance';
import { displayName, formatDateTime, formatListTime, formatPhone, formatSince } from '../../lib/format';
import { useContacts } from '../../store/contacts';
import { ContactConsentBadge } from '../consent/ContactConsentBadge';
import './contacts.css';

const ROW_HEIGHT = 84;
const SEARCH_DELAY_MS = 200;

/** Last message as one line; files are labelled in the UI's language ("📎 Bild · caption"). */
function previewText(contact: ContactSummary, t: TFunction): string {
  const body = contact.lastMessagePreview;
  const type = contact.lastMessageType;
  if (body === null && type === null) return t('contacts.noMessages');
  if (!type || type === 'text' || type === 'system') return body ?? '';
  const label = `📎 ${t(`conversation.media.${type}`, { defaultValue: type })}`;
  return body ? `${label} · ${body}` : label;
}

function ContactRow({ contact, selected, now }: { contact: ContactSummary; selected: boolean; now: Date }) {
  const { t, i18n } = useTranslation();
  const name = displayName(contact);
  const phone = formatPhone(contact.phone);
  const waiting = contact.quarantined > 0;
  const since = formatSince(contact.quarantinedSince, now, i18n.language);
  return (
    <button
      type="button"
      className={`contact-row${selected ? ' contact-row--selected' : ''}${contact.unread > 0 ? ' contact-row--unread' : ''}`}
      data-testid="contact-row"
      data-phone={contact.phone}
      aria-current={selected ? 'true' : undefined}
      onClick={() => void controller.openContact(contact.id)}
    >
      <span className="contact-row__line">
        <span className="contact-row__name" title={name === phone ? phone : `${name} · ${phone}`}>
          {name}
        </span>
        {contact.lastMessageAt && (
          <time className="contact-row__time" dateTime={contact.lastMessageAt}>
            {formatListTime(contact.lastMessageAt, now, i18n.language, t('time.yesterday'))}
          </time>
        )}
      </span>
      <span className="contact-row__line">
        {waiting ? (
          <span
            className="contact-row__waiting"
            data-testid="waiting-consent"
            title={formatDateTime(contact.quarantinedSince, i18n.language) ?? undefined}
          >
            {since
              ? t('contacts.waitingForConsent', { since })
              : t('contacts.waitingForConsentCount', { count: contact.quarantined })}
          </span>
        ) : (
          <span className="contact-row__preview">{previewText(contact, t)}</span>
        )}
        {contact.unread > 0 && (
          <span className="unread-pill" title={t('contacts.unread', { count: contact.unread })}>
            {contact.unread}
          </span>
        )}
      </span>
      <span className="contact-row__line">
        <ContactConsentBadge contact={contact} />
        {name !== phone && <span className="contact-row__phone">{phone}</span>}
      </span>
    </button>
  );
}

/** Re-render list times once a minute so "today" turns into "yesterday" on its own. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(h);
  }, []);
  return now;
}

export function ContactList() {
  const { t } = useTranslation();
  const list = useContacts((s) => s.list);
  const loaded = useContacts((s) => s.loaded);
  const selectedId = useContacts((s) => s.selectedId);
  const activeSearch = useContacts((s) => s.search);
  const [search, setSearch] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useMinuteClock();
  const first = useRef(true);

  useEffect(() => {
    // The initial list comes with the app start; only typing triggers a search.
    if (first.current) {
      first.current = false;
      return;
    }
    const h = setTimeout(() => void controller.searchContacts(search), SEARCH_DELAY_MS);
    return () => clearTimeout(h);
  }, [search]);

  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => list[i]?.id ?? i,
  });

  return (
    <div className="contacts">
      <div className="contacts__search">
        <input
          type="search"
          className="input"
          placeholder={t('contacts.search')}
          aria-label={t('contacts.searchLabel')}
          data-testid="contact-search"
          value={search}
          maxLength={100}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <div className="contacts__scroll" ref={scrollRef} role="list" aria-label={t('contacts.listLabel')}>
        {loaded && list.length === 0 ? (
          <div className="empty empty--small" data-testid="contacts-empty">
            {activeSearch ? (
              <p>{t('contacts.noResults', { search: activeSearch })}</p>
            ) : (
              <>
                <p className="empty__title">{t('contacts.empty')}</p>
                <p>{t('contacts.emptyHint')}</p>
              </>
            )}
          </div>
        ) : (
          <div className="contacts__inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const contact = list[item.index];
              if (!contact) return null;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  className="contacts__item"
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  <ContactRow contact={contact} selected={contact.id === selectedId} now={now} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
