import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { errorText } from '../../i18n/errors';
import { displayName } from '../../lib/format';
import { ConsentBadge } from './ConsentBadge';
import { ConsentHistoryList } from './ConsentHistoryList';
import { useBusy } from './busy-store';
import { consentActions } from './actions';
import { useConsentVerify, type HistoryEntry, type Verify } from './history-store';
import { useAskedWord } from './LockedComposer';
import { RevocationDialog } from './RevocationDialog';
import { ComplianceActions } from '../compliance/ComplianceActions';
import './consent.css';
import { FileText, Link2 } from 'lucide-react';

function VerifyResult({ verify }: { verify: Verify }) {
  const { t } = useTranslation();
  if (verify.state === 'failed') {
    return (
      <div className="consent-verify consent-verify--bad" role="alert" data-testid="consent-verify-result" data-ok="error">
        {t('consentUi.history.verifyFailed', { message: errorText(t, verify.error) })}
      </div>
    );
  }
  if (verify.state !== 'done') return null;
  const { result } = verify;
  if (result.ok) {
    return (
      <div className="consent-verify consent-verify--ok" role="status" data-testid="consent-verify-result" data-ok="true">
        <span aria-hidden="true">✓ </span>
        {t('consentUi.history.verifyOk', { count: result.checked })}
      </div>
    );
  }
  return (
    <div className="consent-verify consent-verify--bad" role="alert" data-testid="consent-verify-result" data-ok="false">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {t('consentUi.history.verifyBad', { count: result.checked })}
      </strong>
      <ul>
        {result.problems.map((p, i) => (
          <li key={i}>
            {p.eventId === null
              ? t('consentUi.history.verifyProblemNoId', { problem: p.problem })
              : t('consentUi.history.verifyProblem', { id: p.eventId, problem: p.problem })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A drawer with a contact's consent proof and the chain check. */
export function ConsentPanel({
  contact,
  history,
  onClose,
}: {
  contact: ContactSummary;
  history: HistoryEntry | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const verify = useConsentVerify((s) => s.verify);
  useEffect(() => consentActions.resetVerify(), []);
  const [revoking, setRevoking] = useState(false);
  const pdf = useBusy('pdf', contact.id);
  const revocation = useBusy('revocation', contact.id);
  const word = useAskedWord(contact);


  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !revoking) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, revoking]);

  return (
    <aside className="consent-panel" data-testid="consent-panel" aria-label={t('consentUi.history.title')}>
      <header className="consent-panel__header">
        <div>
          <h3 className="consent-panel__title">{t('consentUi.history.title')}</h3>
          <div className="consent-panel__who">{displayName(contact)}</div>
        </div>
        <button type="button" className="btn btn--ghost" data-testid="consent-panel-close" onClick={onClose}>
          ✕<span className="visually-hidden">{t('consentUi.history.close')}</span>
        </button>
      </header>
      <div className="consent-panel__summary">
        <ConsentBadge consent={contact.consent} events={history?.events} size="large" />
        <p className="consent-panel__note">{t('consentUi.history.subtitle')}</p>
        <label className="consent-panel__locale">
          {t('consentUi.locale.label')}{' '}
          <select
            className="input"
            data-testid="consent-locale"
            value={contact.locale ?? ''}
            onChange={(e) =>
              void consentActions.setContactLocale(contact.id, e.target.value === 'de' || e.target.value === 'en' ? e.target.value : null)
            }
          >
            <option value="">{t('consentUi.locale.shopDefault')}</option>
            <option value="de">{t('consentUi.locale.de')}</option>
            <option value="en">{t('consentUi.locale.en')}</option>
          </select>
        </label>
        <div className="consent-panel__actions">
          <button
            type="button"
            className="btn btn--danger"
            data-testid="consent-revoke-open"
            disabled={revocation.busy}
            onClick={() => setRevoking(true)}
          >
            {revocation.busy ? t('consentUi.revoke.saving') : t('consentUi.revoke.open')}
          </button>
          <button type="button" className="btn" data-testid="consent-pdf" disabled={pdf.busy} onClick={() => void consentActions.downloadProofPdf(contact.id)}>
            <FileText size={16} aria-hidden="true" />
            {pdf.busy ? t('consentUi.pdf.busy') : t('consentUi.pdf.button')}
          </button>
        </div>
        {pdf.error && (
          <p className="consent-verify consent-verify--bad" role="alert">
            {t('consentUi.pdf.failed', { message: errorText(t, pdf.error) })}
          </p>
        )}
      </div>
      <ComplianceActions contact={contact} onErased={onClose} />
      {revoking && <RevocationDialog contact={contact} onClose={() => setRevoking(false)} />}
      <div className="consent-panel__body">
        {history?.error && (
          <div className="consent-verify consent-verify--bad" role="alert">
            {t('consentUi.history.failed', { message: errorText(t, history.error) })}
          </div>
        )}
        {history?.events ? (
          <ConsentHistoryList events={history.events} />
        ) : (
          !history?.error && <p className="consent-history__empty">{t('consentUi.history.loading')}</p>
        )}
      </div>
      <footer className="consent-panel__footer">
        <p className="consent-panel__note">{t('consentUi.history.noButton', { word })}</p>
        <button
          type="button"
          className="btn"
          data-testid="consent-verify"
          disabled={verify.state === 'running'}
          onClick={() => void consentActions.verify()}
        >
          <Link2 size={16} aria-hidden="true" />
          {verify.state === 'running' ? t('consentUi.history.verifying') : t('consentUi.history.verify')}
        </button>
        <VerifyResult verify={verify} />
      </footer>
    </aside>
  );
}
