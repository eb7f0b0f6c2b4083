import { MessageSquareText, UserRound } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from '../../app/aria';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary, MessageHit } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import type { ApiError } from '@contract/errors';
import { displayName, formatListTime, formatPhone } from '../../lib/format';
import { useUi } from '../../store/ui';
import { inboxActions } from './actions';
import { around, highlight } from './highlight';

const DELAY_MS = 150;

/**
 * Ctrl+K: customers by name or number (any German form) and messages by text.
 * The open chat stays open while typing; choosing a hit opens that chat at the message.
 */
export function SearchDialog() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [contacts, setContacts] = useState<ContactSummary[]>([]);
  const [messages, setMessages] = useState<MessageHit[]>([]);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const close = () => useUi.getState().hide('search');

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setContacts([]);
      setMessages([]);
      setSearched('');
      return;
    }
    let stale = false;
    const h = setTimeout(() => {
      Promise.all([inboxActions.searchContacts(query), inboxActions.searchMessages(query)])
        .then(([c, m]) => {
          if (stale) return;
          setContacts(c);
          // Tresen's own texts (consent requests and confirmations) are no hits for the counter.
          setMessages(m.filter((x) => x.author !== 'system' && x.author !== 'bot'));
          setSearched(query);
          setError(null);
        })
        .catch((err) => !stale && setError(toApiError(err)));
    }, DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(h);
    };
  }, [q]);

  const choose = (contact: ContactSummary | { id: number }, messageId: number | null) => {
    close();
    void inboxActions.openContact(contact, messageId);
  };

  const hits = (): HTMLElement[] => Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-hit]') ?? []);
  const move = (e: KeyboardEvent, delta: number) => {
    const all = hits();
    if (all.length === 0) return;
    e.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const next = at === -1 ? (delta > 0 ? 0 : all.length - 1) : Math.max(0, Math.min(all.length - 1, at + delta));
    all[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(e, 1);
    else if (e.key === 'ArrowUp') move(e, -1);
    else if ((e.key === 'Home' || e.key === 'End') && !(e.target instanceof HTMLInputElement)) move(e, e.key === 'End' ? 10_000 : -10_000);
    else if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
      const firstHit = hits()[0];
      if (firstHit) {
        e.preventDefault();
        firstHit.click();
      }
    }
  };
  const total = contacts.length + messages.length;
  const now = new Date();

  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(o) => !o && close()}>
      <Modal className="modal">
        <Dialog className="modal__body" data-testid="search-dialog" aria-label={t('inbox.search.title')}>
          <div className="search" onKeyDown={onKeyDown}>
            <Heading slot="title" className="visually-hidden">
              {t('inbox.search.title')}
            </Heading>
            <input
              type="search"
              className="input"
              autoFocus
              placeholder={t('inbox.search.input')}
              aria-label={t('inbox.search.inputLabel')}
              data-testid="search-input"
              value={q}
              maxLength={100}
              onChange={(e) => setQ(e.target.value)}
            />
            <p className="search__hint" role="status" aria-live="polite">
              {error
                ? errorText(t, error)
                : searched && total === 0
                  ? t('inbox.search.none', { q: searched })
                  : searched
                    ? t('inbox.search.results', { count: total })
                    : t('inbox.search.hint')}
            </p>
            <div className="search__results" ref={listRef} data-testid="search-results">
              {contacts.length > 0 && <h3 className="search__group">{t('inbox.search.contacts')}</h3>}
              {contacts.map((c) => (
                <button
                  type="button"
                  key={`c${c.id}`}
                  className="search__hit btn--plain"
                  data-hit
                  data-testid="search-contact"
                  data-phone={c.phone}
                  tabIndex={-1}
                  onClick={() => choose(c, null)}
                >
                  <span className="search__hit-title">
                    <span>
                      <UserRound size={14} aria-hidden="true" /> {highlight(displayName(c), searched)}
                    </span>
                    {displayName(c) !== formatPhone(c.phone) && <span className="search__hit-text">{formatPhone(c.phone)}</span>}
                  </span>
                </button>
              ))}
              {messages.length > 0 && <h3 className="search__group">{t('inbox.search.messages')}</h3>}
              {messages.map((m) => (
                <button
                  type="button"
                  key={`m${m.messageId}`}
                  className="search__hit btn--plain"
                  data-hit
                  data-testid="search-message"
                  data-message-id={m.messageId}
                  tabIndex={-1}
                  onClick={() => choose({ id: m.contactId }, m.messageId)}
                >
                  <span className="search__hit-title">
                    <span>
                      <MessageSquareText size={14} aria-hidden="true" /> {displayName(m)}
                    </span>
                    <time className="search__hit-text" dateTime={m.createdAt}>
                      {formatListTime(m.createdAt, now, i18n.language, t('time.yesterday'))}
                    </time>
                  </span>
                  <span className="search__hit-text">{highlight(around(m.body, searched), searched)}</span>
                </button>
              ))}
            </div>
            <div className="dialog__actions">
              <button type="button" className="btn" onClick={close}>
                {t('inbox.search.close')}
              </button>
            </div>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
