import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { formatDateTime } from '../../lib/format';
import { useDrafts } from '../../store/drafts';
import { useEffect } from 'react';
import { askedWord, useShopLocale } from './asked-word';
import { lockTextKey } from './consent-ui';
import type { ComposerLock } from './consent-ui';
import './consent.css';
import { Ban, Hourglass, Lock } from 'lucide-react';

/** The word the customer was asked for (JA or YES), whatever language staff read. */
export function useAskedWord(contact: Pick<ContactSummary, 'locale'>): string {
  const shopLocale = useShopLocale((s) => s.locale);
  useEffect(() => {
    // Loaded on first use, so rendering the text alone needs no transport.
    void import('./actions').then(({ consentActions }) => consentActions.ensureShopLocale());
  }, []);
  return askedWord(contact, shopLocale);
}

/** The sentence that tells staff why they cannot write, with its date and the word the customer was asked for. */
export function useLockText(lock: ComposerLock, contact: Pick<ContactSummary, 'locale'> = {}): string {
  const { t, i18n } = useTranslation();
  const word = useAskedWord(contact);
  const since = formatDateTime(lock.since, i18n.language);
  return t(lockTextKey(lock, since !== null), { since: since ?? '', word });
}

/**
 * The composer as it stands while the customer has not consented: visible,
 * disabled, and saying why. A draft typed earlier stays (read-only) until
 * writing is allowed again.
 */
export function LockedComposer({ contact, lock }: { contact: ContactSummary; lock: ComposerLock }) {
  const { t } = useTranslation();
  const draft = useDrafts((s) => s.byContact[contact.id] ?? '');
  const text = useLockText(lock, contact);
  return (
    <div className={`composer composer--locked composer--lock-${lock.kind}`} data-testid="composer-locked" data-lock={lock.kind}>
      <div className={`composer-lock composer-lock--${lock.kind}`} role="status" data-testid="composer-lock-reason">
        <span className="composer-lock__icon" aria-hidden="true">
          {lock.kind === 'revoked' ? <Ban size={18} /> : lock.kind === 'none' ? <Lock size={18} /> : <Hourglass size={18} />}
        </span>
        <span>
          <strong className="composer-lock__title">{t('consentUi.lock.title')}: </strong>
          {text}
        </span>
      </div>
      <div className="composer__row">
        <textarea
          className="composer__input"
          data-testid="composer-input"
          aria-label={t('composer.label')}
          placeholder={t('consentUi.lock.placeholder')}
          rows={2}
          value={draft}
          disabled
          readOnly
        />
        <button type="button" className="btn btn--primary composer__send" data-testid="composer-send" disabled>
          {t('composer.send')}
        </button>
      </div>
    </div>
  );
}

