import { Pencil, Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ProfileRole, ProfileView } from '@contract';
import type { ApiError } from '@contract/errors';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { useUi, type Theme } from '../../store/ui';
import { inboxActions } from './actions';
import { useInbox } from './inbox-store';
import { readNotifySettings, writeNotifySettings, type NotifySettings } from './notify';
import { PinField } from './PinField';

const COLORS = ['#0f6e66', '#1e5fa8', '#9a5b00', '#b42318', '#6b3fa0', '#2f7d32'];

function ProfileForm({ profile, onDone }: { profile: ProfileView | null; onDone(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(profile?.name ?? '');
  const [color, setColor] = useState(profile?.color ?? COLORS[(useInbox.getState().profiles.length + 1) % COLORS.length]!);
  const [role, setRole] = useState<ProfileRole>(profile?.role ?? 'staff');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await inboxActions.saveProfile({ ...(profile ? { id: profile.id } : {}), name, color, role, ...(pin ? { pin } : {}) });
      onDone();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="profile-form" onSubmit={(e) => void submit(e)} data-testid="profile-form">
      <label className="field">
        {t('inbox.settings.name')}
        <input className="input" required maxLength={60} value={name} data-testid="profile-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        {t('inbox.settings.color')}
        <input className="input profile-form__color" type="color" value={color} data-testid="profile-color" onChange={(e) => setColor(e.target.value)} />
      </label>
      <label className="field">
        {t('inbox.settings.role')}
        <select className="input" value={role} data-testid="profile-role" onChange={(e) => setRole(e.target.value === 'manager' ? 'manager' : 'staff')}>
          <option value="staff">{t('inbox.profiles.roles.staff')}</option>
          <option value="manager">{t('inbox.profiles.roles.manager')}</option>
        </select>
      </label>
      <PinField label={t(profile ? 'inbox.settings.pinKeep' : 'inbox.settings.pinOptional')} value={pin} onChange={setPin} testId="profile-pin" />
      {error && (
        <p className="field__error" role="alert" data-testid="profile-error">
          {errorText(t, error)}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('inbox.settings.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="profile-save">
          {t('inbox.settings.save')}
        </button>
      </div>
    </form>
  );
}

/** Settings: the profiles at the counter (create, edit name, colour, role, PIN). */
export function ProfilesSection() {
  const { t } = useTranslation();
  const profiles = useInbox((s) => s.profiles);
  const [editing, setEditing] = useState<ProfileView | 'new' | null>(null);
  return (
    <section className="settings-section" id="settings-profiles" data-testid="settings-profiles">
      <h3 className="settings-section__title">{t('inbox.settings.profilesTitle')}</h3>
      <p className="settings-section__hint">{t('inbox.settings.profilesHint')}</p>
      <ul className="profile-list">
        {profiles.map((p) => (
          <li key={p.id} className="profile-list__item" data-testid="profile-item">
            <span className="assignee-dot" style={{ background: p.color }} aria-hidden="true" />
            <strong>{p.name}</strong>
            <span className="search__hint">
              {t(`inbox.profiles.roles.${p.role}`)} · {p.mustSetPin ? t('inbox.settings.mustSetPin') : t(p.hasPin ? 'inbox.settings.hasPin' : 'inbox.settings.noPin')}
            </span>
            <button type="button" className="btn btn--small" onClick={() => setEditing(p)} aria-label={`${t('inbox.settings.edit')}: ${p.name}`}>
              <Pencil size={14} aria-hidden="true" />
              {t('inbox.settings.edit')}
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <ProfileForm key={editing === 'new' ? 'new' : editing.id} profile={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="btn" data-testid="profile-add" onClick={() => setEditing('new')}>
          <Plus size={16} aria-hidden="true" />
          {t('inbox.settings.add')}
        </button>
      )}
    </section>
  );
}

const permission = (): 'granted' | 'denied' | 'default' | 'unsupported' => {
  const N = (globalThis as { Notification?: typeof Notification }).Notification;
  return N ? N.permission : 'unsupported';
};

/** Settings: theme, alerts (text off by default), sound (off by default). Kept per browser. */
export function DisplaySection() {
  const { t } = useTranslation();
  const theme = useUi((s) => s.theme);
  const [notify, setNotify] = useState<NotifySettings>(readNotifySettings);
  const [perm, setPerm] = useState(permission);
  const set = (patch: Partial<NotifySettings>) => {
    const next = { ...notify, ...patch };
    setNotify(next);
    writeNotifySettings(next);
  };
  return (
    <section className="settings-section" id="settings-display" data-testid="settings-display">
      <h3 className="settings-section__title">{t('inbox.settings.displayTitle')}</h3>
      <label className="field">
        {t('inbox.settings.theme')}
        <select className="input" value={theme} data-testid="settings-theme" onChange={(e) => useUi.getState().setTheme(e.target.value as Theme)}>
          <option value="system">{t('inbox.settings.themeSystem')}</option>
          <option value="light">{t('inbox.settings.themeLight')}</option>
          <option value="dark">{t('inbox.settings.themeDark')}</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={notify.enabled} data-testid="notify-enabled" onChange={(e) => set({ enabled: e.target.checked })} />
        {t('inbox.settings.notifyEnabled')}
      </label>
      <label className="check">
        <input type="checkbox" checked={notify.showText} data-testid="notify-text" onChange={(e) => set({ showText: e.target.checked })} />
        {t('inbox.settings.notifyText')}
      </label>
      <label className="check">
        <input type="checkbox" checked={notify.sound} data-testid="notify-sound" onChange={(e) => set({ sound: e.target.checked })} />
        {t('inbox.settings.notifySound')}
      </label>
      <p className="settings-section__hint" data-testid="notify-permission">
        {t('inbox.settings.notifyState', { state: t(`inbox.settings.permission.${perm}`) })}
      </p>
      {perm === 'default' && (
        <button
          type="button"
          className="btn"
          data-testid="notify-allow"
          onClick={() => void Notification.requestPermission().then(() => setPerm(permission()))}
        >
          {t('inbox.settings.notifyAllow')}
        </button>
      )}
    </section>
  );
}
