import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ProfileView } from '@contract';
import { pinErrorText } from '../inbox/ProfileSwitch';
import { inboxActions } from '../inbox/actions';
import { useInbox } from '../inbox/inbox-store';
import { securityActions } from './actions';

/**
 * Choose a profile and give its PIN (or set it, for an owner without one).
 * Used by the lock screen (any profile) and the manager gate (managers only).
 */
export function UnlockForm({ profiles, testId, onDone }: { profiles: ProfileView[]; testId: string; onDone?(): void }) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(profiles.length === 1 ? profiles[0]!.id : null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const profile = profiles.find((p) => p.id === chosen) ?? null;
  const needsPin = profile !== null && (profile.hasPin || profile.mustSetPin);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!profile) return;
    if (needsPin && !/^\d{4,12}$/.test(pin)) return setError(t('security.pinShort'));
    setBusy(true);
    setError(null);
    try {
      if (!needsPin) await securityActions.unlock(profile.id);
      else if (profile.mustSetPin) await securityActions.unlock(profile.id, undefined, pin);
      else await securityActions.unlock(profile.id, pin);
      setPin('');
      void inboxActions.loadProfiles().catch(() => undefined);
      onDone?.();
    } catch (err) {
      await inboxActions.loadProfiles().catch(() => undefined);
      const fresh = useInbox.getState().profiles.find((p) => p.id === profile.id) ?? profile;
      setError(pinErrorText(t, err, fresh, i18n.language));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="unlock-form" data-testid={testId} onSubmit={(e) => void submit(e)}>
      <div className="unlock-form__profiles" role="radiogroup" aria-label={t('security.managerProfile')}>
        {profiles.map((p) => (
          <button
            key={p.id}
            type="button"
            role="radio"
            aria-checked={p.id === chosen}
            className={`unlock-form__profile${p.id === chosen ? ' unlock-form__profile--on' : ''}`}
            data-testid="unlock-profile"
            onClick={() => {
              setChosen(p.id);
              setError(null);
            }}
          >
            <span className="assignee-dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
          </button>
        ))}
      </div>
      {needsPin && (
        <label className="field">
          {profile.mustSetPin ? t('security.newPin') : t('security.pin')}
          <input
            className="input"
            type="password"
            inputMode="numeric"
            autoComplete={profile.mustSetPin ? 'new-password' : 'current-password'}
            maxLength={12}
            autoFocus
            data-testid="unlock-pin"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
      )}
      <p className="field__error" role="alert" data-testid="unlock-error">
        {error}
      </p>
      <button type="submit" className="btn btn--primary" disabled={busy || profile === null} data-testid="unlock-submit">
        {profile?.mustSetPin ? t('security.setOwnerPin') : t('security.unlock')}
      </button>
    </form>
  );
}
