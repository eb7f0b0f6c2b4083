import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '@contract';
import { controller } from '../../app/instance';
import { displayName, formatPhone } from '../../lib/format';
import { selectedContact, useContacts } from '../../store/contacts';
import { useMessages } from '../../store/messages';
import { ClipboardList } from 'lucide-react';
import { useUi } from '../../store/ui';
import { CasePanel } from '../cases/CasePanel';
import { ConsentControls } from '../consent/ConsentControls';
import { GatedComposer } from '../consent/GatedComposer';
import { MessageBubble } from './MessageBubble';
import { RenameForm } from './RenameForm';
import './conversation.css';

/** Within this distance of the bottom, new messages keep the view pinned there. */
const PIN_PX = 120;
const LOAD_OLDER_PX = 80;

function Thread({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const thread = useMessages((s) => s.byContact[contact.id]);
  const messages = thread?.messages;
  const scrollRef = useRef<HTMLDivElement>(null);
  const fromBottom = useRef(0);
  const lastSeen = useRef<{ contactId: number; lastId: number | null } | null>(null);

  // Anchor to the bottom: appends stick when already at the bottom (or staff sent),
  // and prepending older pages keeps what staff was reading in place.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !messages) return;
    const last = messages[messages.length - 1];
    const prev = lastSeen.current;
    const lastId = last?.id ?? null;
    const opened = !prev || prev.contactId !== contact.id;
    const appended = !!prev && prev.lastId !== lastId;
    if (opened || (appended && (fromBottom.current < PIN_PX || last?.direction === 'out'))) {
      el.scrollTop = el.scrollHeight;
    } else {
      el.scrollTop = el.scrollHeight - el.clientHeight - fromBottom.current;
    }
    fromBottom.current = el.scrollHeight - el.clientHeight - el.scrollTop;
    lastSeen.current = { contactId: contact.id, lastId };
  }, [messages, contact.id]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    fromBottom.current = el.scrollHeight - el.clientHeight - el.scrollTop;
    if (el.scrollTop < LOAD_OLDER_PX) void controller.loadOlder(contact.id);
  }, [contact.id]);

  return (
    <div className="thread" ref={scrollRef} onScroll={onScroll} data-testid="thread">
      {thread && !thread.hasOlder && messages && messages.length > 0 && (
        <div className="thread__marker">{t('conversation.beginning')}</div>
      )}
      {thread?.loadingOlder && <div className="thread__marker">{t('conversation.loadingOlder')}</div>}
      {messages && messages.length === 0 && contact.quarantined === 0 && (
        <div className="empty empty--small">{t('conversation.empty')}</div>
      )}
      {messages?.map((m) => <MessageBubble key={m.id} message={m} />)}
      {contact.quarantined > 0 && (
        <div className="thread__quarantine" data-testid="quarantine-note">
          {t('conversation.quarantined', { count: contact.quarantined })}
        </div>
      )}
    </div>
  );
}

export function Conversation() {
  const { t } = useTranslation();
  const contact = useContacts(selectedContact);
  const [renaming, setRenaming] = useState<number | null>(null);
  const casesOpen = useUi((s) => s.open.casePanel);

  if (!contact) {
    return (
      <section className="conversation conversation--empty" data-testid="conversation-empty">
        <div className="empty">
          <div className="empty__icon" aria-hidden="true">
            💬
          </div>
          <p className="empty__title">{t('conversation.nothingSelected')}</p>
          <p>{t('conversation.nothingSelectedHint')}</p>
        </div>
      </section>
    );
  }

  const name = displayName(contact);
  const phone = formatPhone(contact.phone);
  return (
    <section className="conversation" data-testid="conversation" data-phone={contact.phone}>
      <header className="conversation__header">
        {renaming === contact.id ? (
          <RenameForm contact={contact} onDone={() => setRenaming(null)} />
        ) : (
          <div className="conversation__who">
            <div className="conversation__title">
              <h2 className="conversation__name" data-testid="conversation-name">
                {name}
              </h2>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                data-testid="rename-start"
                title={t('conversation.rename')}
                onClick={() => setRenaming(contact.id)}
              >
                ✎<span className="visually-hidden">{t('conversation.rename')}</span>
              </button>
            </div>
            {name !== phone && <div className="conversation__phone">{phone}</div>}
          </div>
        )}
        <div className="conversation__tools">
          <button
            type="button"
            className={`btn btn--small${casesOpen ? ' btn--active' : ''}`}
            data-testid="case-panel-toggle"
            aria-pressed={casesOpen}
            title={t('cases.panelToggleTitle')}
            onClick={() => useUi.getState().toggle('casePanel')}
          >
            <ClipboardList size={14} aria-hidden="true" className="case-icon" />
            {t('cases.panelToggle')}
          </button>
          <ConsentControls contact={contact} />
        </div>
      </header>
      <Thread contact={contact} />
      <GatedComposer key={contact.id} contact={contact} />
      {casesOpen && <CasePanel contact={contact} />}
    </section>
  );
}
