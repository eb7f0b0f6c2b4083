import { memo, useDeferredValue, useEffect, useState } from 'react';
import type { DragEvent } from 'react';
import type { ContactSummary } from '@contract';
import { useTranslation } from '../../i18n/use-translation';
import { displayName, formatPhone } from '../../lib/format';
import { selectedContact, useContacts } from '../../store/contacts';
import { ClipboardList, MessagesSquare } from 'lucide-react';
import { useUi } from '../../store/ui';
import { CasePanel } from '../cases/CasePanel';
import { ConsentControls } from '../consent/ConsentControls';
import { GatedComposer } from '../consent/GatedComposer';
import { conversationActions } from './actions';
import { useConversation } from './conversation-store';
import { ImageViewer } from './ImageViewer';
import { LinkDialog } from './LinkDialog';
import { RenameForm } from './RenameForm';
import { Thread } from './Thread';
import './conversation.css';

/**
 * The open chat. The pane follows the selection at transition priority: a
 * click on a row draws the row's highlight at once, then the new pane in
 * slices that yield to input, while the old one stays on screen, and shows
 * it in one commit, its messages included when they are at hand (a chat
 * fetched ahead). Drawn in the click's own task, the first chat of a
 * session (its code running for the first time) was a task of about 95 ms.
 */
export function Conversation() {
  const { t } = useTranslation();
  const contact = useDeferredValue(useContacts(selectedContact));

  useEffect(() => conversationActions.start(), []);

  if (!contact) {
    return (
      <section className="conversation conversation--empty" data-testid="conversation-empty">
        <div className="empty">
          <div className="empty__icon" aria-hidden="true">
            <MessagesSquare size={40} />
          </div>
          <p className="empty__title">{t('conversation.nothingSelected')}</p>
          <p>{t('conversation.nothingSelectedHint')}</p>
        </div>
      </section>
    );
  }

  return <Pane contact={contact} />;
}

/** Only a new contact (or a change of it) draws the pane again, not the selection's urgent render. */
const Pane = memo(function Pane({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<number | null>(null);
  const casesOpen = useUi((s) => s.open.casePanel);
  const [dragging, setDragging] = useState(false);
  const name = displayName(contact);
  const phone = formatPhone(contact.phone);
  const hasFiles = (e: DragEvent): boolean => e.dataTransfer.types.includes('Files');
  return (
    <section
      className={`conversation${dragging ? ' conversation--drop' : ''}`}
      data-testid="conversation"
      data-phone={contact.phone}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        const files = [...e.dataTransfer.files];
        if (files.length) useConversation.getState().drop(contact.id, files);
      }}
    >
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
      {/* A new chat mounts a new history and composer. Their keys differ from each other: siblings
          with one key confuse React's reconciliation, which then left every earlier chat's history
          in the pane, above the open one's. */}
      <Thread key={`thread:${contact.id}`} contact={contact} />
      <GatedComposer key={`composer:${contact.id}`} contact={contact} />
      {casesOpen && <CasePanel contact={contact} />}
      {dragging && (
        <div className="conversation__dropzone" aria-hidden="true">
          {t('composer.dropHere')}
        </div>
      )}
      <ImageViewer contactId={contact.id} />
      <LinkDialog />
    </section>
  );
});
