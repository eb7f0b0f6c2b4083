import { useCallback } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { OnboardingView } from './OnboardingView';
import { useOnboardingView } from './onboarding-store';
import './onboarding.css';

/** The header's "New customer" button and the QR screen it opens. */
export function NewCustomerButton() {
  const { t } = useTranslation();
  const open = useOnboardingView((s) => s.open);
  const setOpen = useOnboardingView((s) => s.setOpen);
  const close = useCallback(() => setOpen(false), [setOpen]);
  return (
    <>
      <button
        type="button"
        className="btn btn--primary new-customer"
        data-testid="new-customer"
        title={t('onboarding.buttonTitle')}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">+ </span>
        {t('onboarding.button')}
      </button>
      {/* Outside the header, so the header's button styles do not reach the screen. */}
      {open && createPortal(<OnboardingView onClose={close} />, document.body)}
    </>
  );
}
