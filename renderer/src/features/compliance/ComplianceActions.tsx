import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactComplianceView, ContactSummary } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { controller } from '../../app/instance';
import { useContacts } from '../../store/contacts';
import { inboxActions } from '../inbox/actions';
import { useInbox } from '../inbox/inbox-store';
import { complianceActions } from './actions';
import { EraseDialog } from './EraseDialog';
import './compliance.css';

/**
 * A manager's data-protection actions on one contact: the Art. 15 export,
 * the legal hold and the Art. 17 erasure. Shown to managers only; main
 * refuses the calls for anyone else either way.
 */
export function ComplianceActions({ contact, onErased }: { contact: ContactSummary; onErased: () => void }) {
  const { t } = useTranslation();
  const manager = useInbox((s) => s.current?.role === 'manager');
  const [view, setView] = useState<ContactComplianceView | null>(null);
  const [busy, setBusy] = useState<'export' | 'hold' | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [erasing, setErasing] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (!manager) return;
    let live = true;
    complianceActions.status(contact.id).then(
      (v) => live && setView(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [contact.id, manager]);

  if (!manager) return null;
  const held = view?.legalHold ?? null;

  const run = async (what: 'export' | 'hold', fn: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      setMessage({ kind: 'bad', text: errorText(t, toApiError(err)) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="compliance-actions" aria-labelledby="compliance-actions-title" data-testid="compliance-actions">
      <h4 id="compliance-actions-title" className="compliance-actions__title">
        {t('compliance.title')}
      </h4>
      <div className="compliance-actions__row">
        <button type="button" className="btn" data-testid="compliance-export" disabled={busy !== null} onClick={() => void run('export', () => complianceActions.downloadAccessExport(contact.id))}>
          {busy === 'export' ? t('compliance.export.busy') : t('compliance.export.button')}
        </button>
        <button type="button" className="btn btn--danger" data-testid="compliance-erase-open" disabled={held !== null} onClick={() => setErasing(true)}>
          {t('compliance.erase.open')}
        </button>
      </div>
      <div className="compliance-actions__hold">
        {held ? (
          <p data-testid="legal-hold-state">
            {t('compliance.hold.on', { since: new Date(held.since).toLocaleDateString(), reason: held.reason ?? '–' })}
          </p>
        ) : (
          <label className="compliance-actions__field">
            {t('compliance.hold.reason')}
            <input className="input" maxLength={200} value={reason} data-testid="legal-hold-reason" onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <button
          type="button"
          className="btn"
          aria-pressed={held !== null}
          data-testid="legal-hold-toggle"
          disabled={busy !== null}
          onClick={() =>
            void run('hold', async () => {
              setView(await complianceActions.setLegalHold(contact.id, held === null, reason.trim() || undefined));
              setReason('');
            })
          }
        >
          {held ? t('compliance.hold.lift') : t('compliance.hold.set')}
        </button>
        <p className="compliance-actions__hint">{t('compliance.hold.hint')}</p>
      </div>
      {message && (
        <p className={`compliance-actions__msg compliance-actions__msg--${message.kind}`} role={message.kind === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {erasing && (
        <EraseDialog
          contact={contact}
          onClose={() => setErasing(false)}
          onErased={() => {
            setErasing(false);
            // The person is gone: out of the list and out of the open conversation.
            useContacts.setState((st) => ({ list: st.list.filter((c) => c.id !== contact.id), selectedId: null }));
            onErased();
            void controller.openContact(null);
            void inboxActions.refresh();
          }}
        />
      )}
    </section>
  );
}
