import { Lock } from 'lucide-react';
import { useTranslation } from '../../i18n/use-translation';
import { useInbox } from '../inbox/inbox-store';
import { securityActions } from './actions';
import { useSecurity } from './security-store';
import { UnlockForm } from './UnlockForm';
import './security.css';

/** Over everything while main says this window is locked: the screen behind is blurred, nothing there can be read or clicked. */
export function LockOverlay() {
  const { t } = useTranslation();
  const session = useSecurity((s) => s.session);
  const profiles = useInbox((s) => s.profiles);
  if (!session?.locked) return null;
  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-overlay">
      <div className="lock-overlay__card">
        <Lock size={32} aria-hidden="true" />
        <h2 id="lock-title" className="lock-overlay__title">
          {t('security.lockedTitle')}
        </h2>
        <p>{t('security.lockedText')}</p>
        {session.autoLockMinutes > 0 && <p className="search__hint">{t('security.lockedAuto', { minutes: session.autoLockMinutes })}</p>}
        <UnlockForm profiles={profiles.filter((p) => !p.lockedUntil)} testId="lock-unlock" />
        {session.profile === null && (
          <button type="button" className="btn btn--ghost" data-testid="lock-resume" onClick={() => void securityActions.resume()}>
            {t('security.resume')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Header button: lock this window now. */
export function LockButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn--icon"
      data-testid="lock-now"
      aria-label={t('security.lockButton')}
      title={t('security.lockButtonTitle')}
      onClick={() => void securityActions.lock().catch(() => undefined)}
    >
      <Lock size={18} aria-hidden="true" />
    </button>
  );
}
