import { LogOut, Settings, UserRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Menu, MenuItem, MenuTrigger, Modal, ModalOverlay, Popover, Separator, type Key } from '../../app/aria';
import { useTranslation } from '../../i18n/use-translation';
import type { ProfileView } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { formatClock } from '../../lib/format';
import { useApp } from '../../store/app';
import { useUi } from '../../store/ui';
import { inboxActions } from './actions';
import { useInbox } from './inbox-store';
import { PinField } from './PinField';

/** The words for a failed switch, by code and reason (never the developer message). */
export function pinErrorText(t: (k: string, o?: Record<string, unknown>) => string, err: unknown, profile: ProfileView | null, locale: string): string {
  const e = toApiError(err);
  if (e.code === 'rate_limited') {
    const until = profile?.lockedUntil ?? new Date(Date.now() + 5 * 60_000).toISOString();
    return t('inbox.profiles.locked', { time: formatClock(until, locale) });
  }
  if (e.code === 'unauthorized') return t('inbox.profiles.pinWrong');
  return errorText(t as never, e);
}

function PinDialog({ profile, onClose }: { profile: ProfileView; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const setting = profile.mustSetPin;
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4,12}$/.test(pin)) return setError(t('inbox.profiles.pinShort'));
    if (setting && pin !== again) return setError(t('inbox.profiles.pinMismatch'));
    setBusy(true);
    try {
      await inboxActions.switchProfile(profile.id, setting ? undefined : pin, setting ? pin : undefined);
      onClose();
    } catch (err) {
      // A lock shows its end: ask the list again for lockedUntil.
      await inboxActions.loadProfiles().catch(() => undefined);
      const fresh = useInbox.getState().profiles.find((p) => p.id === profile.id) ?? profile;
      setError(pinErrorText(t, err, fresh, i18n.language));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(o) => !o && onClose()}>
      <Modal className="modal modal--small">
        <Dialog className="modal__body" data-testid="pin-dialog">
          <form onSubmit={(e) => void submit(e)} className="modal__form">
            <Heading slot="title" className="dialog__title">
              {t(setting ? 'inbox.profiles.pinSetTitle' : 'inbox.profiles.pinTitle', { name: profile.name })}
            </Heading>
            {setting && <p className="search__hint">{t('inbox.profiles.pinSetHint')}</p>}
            <PinField
              label={t(setting ? 'inbox.profiles.newPin' : 'inbox.profiles.pin')}
              value={pin}
              onChange={setPin}
              testId="pin-input"
              autoComplete={setting ? 'new-password' : 'current-password'}
              autoFocus
            />
            {setting && <PinField label={t('inbox.profiles.newPinRepeat')} value={again} onChange={setAgain} testId="pin-repeat" />}
            <p className="field__error" role="alert" data-testid="pin-error">
              {error}
            </p>
            <div className="dialog__actions">
              <button type="button" className="btn" onClick={onClose}>
                {t('inbox.profiles.cancel')}
              </button>
              <button type="submit" className="btn btn--primary" disabled={busy} data-testid="pin-submit">
                {t('inbox.profiles.submit')}
              </button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Header quick switch: who is at the counter (name and colour), and the other profiles. */
export function ProfileSwitch() {
  const { t } = useTranslation();
  const current = useInbox((s) => s.current);
  const profiles = useInbox((s) => s.profiles);
  const [asking, setAsking] = useState<ProfileView | null>(null);

  const onAction = (key: Key) => {
    const k = String(key);
    if (k === 'signout') return void inboxActions.signOut();
    if (k === 'manage') return useUi.getState().showSettings('profiles');
    const p = profiles.find((x) => String(x.id) === k);
    if (!p) return;
    if (p.hasPin || p.mustSetPin) setAsking(p);
    else inboxActions.switchProfile(p.id).catch((err) => useApp.getState().setLoadError(toApiError(err)));
  };

  const label = current ? t('inbox.profiles.current', { name: current.name }) : t('inbox.profiles.none');
  return (
    <>
      <MenuTrigger>
        <Button className="btn profile-switch" data-testid="profile-switch" aria-label={`${t('inbox.profiles.switch')}: ${label}`}>
          {current ? <span className="assignee-dot" style={{ background: current.color }} aria-hidden="true" /> : <UserRound size={16} aria-hidden="true" />}
          <span data-testid="profile-current">{current ? current.name : t('inbox.profiles.none')}</span>
        </Button>
        <Popover className="menu-popover" placement="bottom end">
          <Menu className="menu" onAction={onAction} aria-label={t('inbox.profiles.switch')} data-testid="profile-menu">
            {profiles.map((p) => (
              <MenuItem key={p.id} id={String(p.id)} className="menu__item" textValue={p.name} data-testid="profile-option">
                <span className="assignee-dot" style={{ background: p.color }} aria-hidden="true" />
                <span>{p.name}</span>
                <span className="search__hint">{t(`inbox.profiles.roles.${p.role}`)}</span>
                {p.lockedUntil && <span className="status-tag">{t('inbox.profiles.lockedShort')}</span>}
              </MenuItem>
            ))}
            <Separator className="menu__sep" />
            <MenuItem id="manage" className="menu__item" textValue={t('inbox.profiles.manage')}>
              <Settings size={16} aria-hidden="true" />
              {t('inbox.profiles.manage')}
            </MenuItem>
            {current ? (
              <MenuItem id="signout" className="menu__item" textValue={t('inbox.profiles.signOut')}>
                <LogOut size={16} aria-hidden="true" />
                {t('inbox.profiles.signOut')}
              </MenuItem>
            ) : null}
          </Menu>
        </Popover>
      </MenuTrigger>
      {asking && <PinDialog profile={asking} onClose={() => setAsking(null)} />}
    </>
  );
}
