import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { Composer } from '../conversation/Composer';
import { composerLock } from './consent-ui';
import { LockedComposer } from './LockedComposer';
import { RevocationDialog } from './RevocationDialog';

/** A longer message mentioned a stop word: staff decide, with one click. */
function RevocationReview({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!contact.revocationReview) return null;
  return (
    <div className="consent-review" role="status" data-testid="revocation-review">
      <span aria-hidden="true">⚠ </span>
      <span>{t('consentUi.revoke.review', { text: contact.revocationReview.text })}</span>
      <button type="button" className="btn btn--small btn--danger" data-testid="revocation-review-record" onClick={() => setOpen(true)}>
        {t('consentUi.revoke.reviewAction')}
      </button>
      {open && <RevocationDialog contact={contact} onClose={() => setOpen(false)} />}
    </div>
  );
}

/**
 * The composer behind the consent rules: locked with the reason while the
 * customer lacks service consent. A refusal that main's gate still returns
 * (e.g. consent revoked a moment ago) is shown by the composer itself.
 */
export function GatedComposer({ contact }: { contact: ContactSummary }) {
  const lock = composerLock(contact);
  if (lock) return <LockedComposer contact={contact} lock={lock} />;
  return (
    <>
      <RevocationReview contact={contact} />
      <Composer key={contact.id} contact={contact} />
    </>
  );
}
