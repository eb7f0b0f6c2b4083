import { useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { displayName } from '../../lib/format';
import { complianceActions } from './actions';

/** The Art. 17 confirmation: says exactly what goes and what stays before anything is deleted. */
export function EraseDialog({ contact, onClose, onErased }: { contact: ContactSummary; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ chatDeleted: boolean | null } | null>(null);

  const erase = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await complianceActions.erase(contact.id);
      setDone({ chatDeleted: r.chatDeleted });
    } catch (err) {
      const e = toApiError(err);
      setProblem(e.reason === 'legal_hold' ? t('compliance.erase.held') : t('compliance.erase.failed', { message: errorText(t, e) }));
      setBusy(false);
    }
  };

  // On the page itself, not inside the side panel: the panel must not clip or contain the overlay.
  const portal = (node: ReactNode) => createPortal(node, document.body);
  if (done) {
    return portal(
      <div className="compliance-dialog" role="dialog" aria-modal="true" aria-labelledby="compliance-erased-title" data-testid="erase-done">
        <div className="compliance-dialog__box">
          <h3 id="compliance-erased-title">{t('compliance.erase.doneTitle')}</h3>
          <p role="status">{t('compliance.erase.done')}</p>
          <p data-testid="erase-chat" data-deleted={String(done.chatDeleted)}>
            {done.chatDeleted === null ? t('compliance.erase.chatByHand') : t('compliance.erase.chatDeleted')}
          </p>
          <div className="compliance-dialog__actions">
            <button type="button" className="btn" autoFocus onClick={onErased} data-testid="erase-close">
              {t('compliance.erase.close')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  return portal(
    <div className="compliance-dialog" role="alertdialog" aria-modal="true" aria-labelledby="compliance-erase-title" aria-describedby="compliance-erase-what" data-testid="erase-dialog">
      <div className="compliance-dialog__box">
        <h3 id="compliance-erase-title">{t('compliance.erase.title', { name: displayName(contact) })}</h3>
        <div id="compliance-erase-what">
          <p>{t('compliance.erase.intro')}</p>
          <ul className="compliance-dialog__list">
            {(['contact', 'messages', 'notes', 'cases', 'files', 'search', 'phone', 'proof'] as const).map((k) => (
              <li key={k}>{t(`compliance.erase.what.${k}`)}</li>
            ))}
          </ul>
          <p className="compliance-dialog__keeps">{t('compliance.erase.keeps')}</p>
          <p>
            <strong>{t('compliance.erase.final')}</strong>
          </p>
        </div>
        {problem && (
          <p className="compliance-dialog__problem" role="alert" data-testid="erase-problem">
            {problem}
          </p>
        )}
        <div className="compliance-dialog__actions">
          <button type="button" className="btn" onClick={onClose} autoFocus data-testid="erase-cancel">
            {t('compliance.erase.cancel')}
          </button>
          <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void erase()} data-testid="erase-confirm">
            {busy ? t('compliance.erase.busy') : t('compliance.erase.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
