import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { errorText } from '../../i18n/errors';
import { displayName } from '../../lib/format';
import { consentActions } from './actions';
import { useBusy } from './busy-store';

type Method = 'in_person' | 'phone' | 'letter';

/** Local "now" for a datetime-local input. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Staff record a revocation given in person, by phone or by letter: who, how, when, a note. Never a grant. */
export function RevocationDialog({ contact, onClose }: { contact: ContactSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>('in_person');
  const [at, setAt] = useState(localNow);
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  // Busy and failure live in the consent store: a second click is ignored, a reopened panel shows the truth.
  const { busy, error } = useBusy('revocation', contact.id);
  const problem = error ? t('consentUi.revoke.failed', { message: errorText(t, error) }) : null;
  const active = [contact.consent.service, contact.consent.marketing].some((s) => s === 'granted' || s === 'requested');

  const save = async (): Promise<void> => {
    const when = new Date(at);
    const outcome = await consentActions.recordRevocation({
      contactId: contact.id,
      method,
      recordedBy: by,
      ...(Number.isNaN(when.getTime()) ? {} : { at: when.toISOString() }),
      ...(note.trim() ? { note } : {}),
    });
    if (outcome === 'done') onClose();
  };

  return (
    <div className="consent-dialog" role="dialog" aria-modal="true" aria-labelledby="consent-revoke-title" data-testid="revocation-dialog">
      <form
        className="consent-dialog__box"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h3 id="consent-revoke-title">
          {t('consentUi.revoke.title')} · {displayName(contact)}
        </h3>
        <p className="consent-panel__note">{t('consentUi.revoke.hint')}</p>
        {!active && <p className="consent-panel__note" role="status">{t('consentUi.revoke.nothingActive')}</p>}
        <fieldset className="consent-dialog__methods">
          <legend>{t('consentUi.revoke.method')}</legend>
          {(['in_person', 'phone', 'letter'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="method" value={m} checked={method === m} data-testid={`revoke-method-${m}`} onChange={() => setMethod(m)} />{' '}
              {t(`consentUi.words.methods.${m}`)}
            </label>
          ))}
        </fieldset>
        <label className="consent-dialog__field">
          {t('consentUi.revoke.at')}
          <input className="input" type="datetime-local" value={at} max={localNow()} data-testid="revoke-at" onChange={(e) => setAt(e.target.value)} />
        </label>
        <label className="consent-dialog__field">
          {t('consentUi.revoke.by')}
          <input className="input" required maxLength={120} value={by} data-testid="revoke-by" onChange={(e) => setBy(e.target.value)} />
        </label>
        <label className="consent-dialog__field">
          {t('consentUi.revoke.note')}
          <textarea className="input" rows={3} maxLength={2000} value={note} data-testid="revoke-note" onChange={(e) => setNote(e.target.value)} />
        </label>
        {problem && (
          <p className="consent-verify consent-verify--bad" role="alert">
            {problem}
          </p>
        )}
        <div className="consent-dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('consentUi.revoke.cancel')}
          </button>
          <button type="submit" className="btn btn--danger" disabled={busy || !active || by.trim() === ''} data-testid="revoke-save">
            {busy ? t('consentUi.revoke.saving') : t('consentUi.revoke.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
