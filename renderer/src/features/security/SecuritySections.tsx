import { Copy } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ApiKeyScope } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { formatDateTime } from '../../lib/format';
import { useInbox } from '../inbox/inbox-store';
import { Field, Section } from '../settings/parts';
import { securityActions } from './actions';
import { useSecurity } from './security-store';
import { UnlockForm } from './UnlockForm';
import './security.css';

/** For staff in the settings: the manager areas need the manager PIN first. */
export function ManagerGate() {
  const { t } = useTranslation();
  const managers = useInbox((s) => s.profiles).filter((p) => p.role === 'manager');
  return (
    <section className="settings-section manager-gate" data-testid="manager-gate" aria-labelledby="manager-gate-title">
      <h3 id="manager-gate-title" className="settings-section__title">
        {t('security.managerOnlyTitle')}
      </h3>
      <p className="settings-section__hint">{t('security.managerOnlyText')}</p>
      <UnlockForm profiles={managers} testId="manager-unlock" />
    </section>
  );
}

/** For a manager: whose rights are active and how they end; or, unclaimed, that a PIN is due. */
export function ManagerBanner() {
  const { t } = useTranslation();
  const session = useSecurity((s) => s.session);
  const owner = useInbox((s) => s.profiles).find((p) => p.role === 'manager');
  if (!session) return null;
  if (session.unclaimed) {
    return (
      <p className="settings__status settings__status--error manager-banner" role="status" data-testid="unclaimed-banner">
        {t('security.unclaimed', { name: owner?.name ?? '' })}
      </p>
    );
  }
  if (!session.profile) return null;
  const text =
    session.autoLockMinutes > 0
      ? t('security.managerUnlocked', { name: session.profile.name, minutes: session.autoLockMinutes })
      : t('security.managerUnlockedNoTimer', { name: session.profile.name });
  return (
    <div className="manager-banner settings__status" role="status" data-testid="manager-banner">
      <span>{text}</span>
      <button type="button" className="btn btn--small" data-testid="manager-lock" onClick={() => void securityActions.lock()}>
        {t('security.lockButton')}
      </button>
    </div>
  );
}

export function AutoLockSection() {
  const { t } = useTranslation();
  const current = useSecurity((s) => s.session?.autoLockMinutes ?? 5);
  const [value, setValue] = useState(String(current));
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setValue(String(current)), [current]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await securityActions.setAutoLock(Number(value));
      setNote(t('security.autoLock.saved'));
    } catch (err) {
      setNote(errorText(t, toApiError(err)));
    }
  };
  return (
    <Section id="security" title={t('security.autoLock.title')} hint={t('security.autoLock.hint')}>
      <form className="settings-row" onSubmit={(e) => void save(e)}>
        <Field label={t('security.autoLock.label')}>
          <input className="input" type="number" min={0} max={240} data-testid="autolock-minutes" value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
        <button type="submit" className="btn" data-testid="autolock-save">
          {t('security.autoLock.save')}
        </button>
        {note && (
          <span className="settings__status" role="status">
            {note}
          </span>
        )}
      </form>
    </Section>
  );
}

function NewKeyForm({ onCreated }: { onCreated(key: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('integration');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onCreated(await securityActions.createKey(name, scope));
      setName('');
    } catch (err) {
      setError(errorText(t, toApiError(err)));
    }
  };
  return (
    <form className="settings-row" onSubmit={(e) => void submit(e)} data-testid="key-form">
      <Field label={t('security.api.name')} error={error}>
        <input className="input" data-testid="key-name" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('security.api.scope')}>
        <select className="input" data-testid="key-scope" value={scope} onChange={(e) => setScope(e.target.value === 'manager' ? 'manager' : 'integration')}>
          <option value="integration">{t('security.api.scopes.integration')}</option>
          <option value="manager">{t('security.api.scopes.manager')}</option>
        </select>
      </Field>
      <button type="submit" className="btn btn--primary" data-testid="key-create" disabled={name.trim() === ''}>
        {t('security.api.create')}
      </button>
    </form>
  );
}

/** The key, once: shown with a copy button until "Done"; never again. */
function KeyOnce({ plain, onDone }: { plain: string; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="settings__status settings__status--ok" role="status" data-testid="key-once">
      <strong>{t('security.api.createdTitle')}</strong>
      <p>{t('security.api.createdHint')}</p>
      <div className="key-once">
        <code data-testid="key-plain">{plain}</code>
        <button
          type="button"
          className="btn btn--small"
          data-testid="key-copy"
          onClick={() => void navigator.clipboard?.writeText(plain).then(() => setCopied(true), () => setCopied(false))}
        >
          <Copy size={14} aria-hidden="true" />
          {copied ? t('security.api.copied') : t('security.api.copy')}
        </button>
        <button type="button" className="btn btn--small" data-testid="key-done" onClick={onDone}>
          {t('security.api.done')}
        </button>
      </div>
    </div>
  );
}

export function LocalApiSection() {
  const { t, i18n } = useTranslation();
  const keys = useSecurity((s) => s.keys);
  const api = useSecurity((s) => s.localApi);
  const [plain, setPlain] = useState<string | null>(null);
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    securityActions.loadKeys().catch((err) => setError(errorText(t, toApiError(err))));
    securityActions
      .loadLocalApi()
      .then((v) => setPort(String(v.port)))
      .catch((err) => setError(errorText(t, toApiError(err))));
  }, [t]);
  const apply = (patch: { enabled?: boolean; port?: number }) => {
    setError(null);
    securityActions.updateLocalApi(patch).catch((err) => setError(errorText(t, toApiError(err))));
  };
  const date = (iso: string | null) => formatDateTime(iso, i18n.language) ?? '';
  return (
    <Section id="localApi" title={t('security.api.title')} hint={t('security.api.hint')}>
      {api && api.controllable && (
        <div className="settings-row">
          <label className="settings-field">
            <span className="settings-field__label">
              <input type="checkbox" data-testid="local-api-enabled" checked={api.enabled} onChange={(e) => apply({ enabled: e.target.checked })} />{' '}
              {t('security.api.enabled')}
            </span>
          </label>
          <Field label={t('security.api.port')}>
            <input className="input" type="number" min={1024} max={65535} data-testid="local-api-port" value={port} onChange={(e) => setPort(e.target.value)} />
          </Field>
          <button type="button" className="btn" data-testid="local-api-apply" onClick={() => apply({ port: Number(port) })}>
            {t('security.api.apply')}
          </button>
        </div>
      )}
      {api && (
        <p className="settings-section__hint" data-testid="local-api-status">
          {!api.controllable
            ? t('security.api.notControllable', { port: api.port })
            : api.error
              ? t('security.api.error', { error: api.error })
              : api.running
                ? t('security.api.running', { port: api.port })
                : t('security.api.stopped')}
        </p>
      )}
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {error}
        </p>
      )}
      <h4>{t('security.api.keysTitle')}</h4>
      {plain ? <KeyOnce plain={plain} onDone={() => setPlain(null)} /> : <NewKeyForm onCreated={setPlain} />}
      {keys && keys.length === 0 && <p className="settings-section__hint">{t('security.api.keysEmpty')}</p>}
      {keys && keys.length > 0 && (
        <table className="key-list" data-testid="key-list">
          <thead>
            <tr>
              <th scope="col">{t('security.api.name')}</th>
              <th scope="col">{t('security.api.scope')}</th>
              <th scope="col">{t('security.log.when')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('security.api.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'key-list__revoked' : undefined} data-testid="key-item">
                <td>
                  <strong>{k.name}</strong>
                  <div className="search__hint">
                    <code>{k.prefix}…</code>
                  </div>
                </td>
                <td>{t(`security.api.scopeShort.${k.scope}`)}</td>
                <td>
                  <div>{t('security.api.createdBy', { date: date(k.createdAt), name: k.createdBy })}</div>
                  <div className="search__hint">{k.lastUsedAt ? t('security.api.lastUsed', { date: date(k.lastUsedAt) }) : t('security.api.neverUsed')}</div>
                </td>
                <td>
                  {k.revokedAt ? (
                    <span className="status-tag">{t('security.api.revoked', { date: date(k.revokedAt) })}</span>
                  ) : (
                    <button type="button" className="btn btn--small" data-testid="key-revoke" onClick={() => void securityActions.revokeKey(k.id)}>
                      {t('security.api.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function AccessLogSection() {
  const { t, i18n } = useTranslation();
  const log = useSecurity((s) => s.log);
  const next = useSecurity((s) => s.logNext);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    securityActions.loadLog().catch((err) => setError(errorText(t, toApiError(err))));
  }, [t]);
  return (
    <Section id="accessLog" title={t('security.log.title')} hint={t('security.log.hint')}>
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {error}
        </p>
      )}
      {log && log.length === 0 && <p className="settings-section__hint">{t('security.log.empty')}</p>}
      {log && log.length > 0 && (
        <table className="access-log" data-testid="access-log">
          <thead>
            <tr>
              <th scope="col">{t('security.log.when')}</th>
              <th scope="col">{t('security.log.who')}</th>
              <th scope="col">{t('security.log.what')}</th>
              <th scope="col">{t('security.log.contact')}</th>
              <th scope="col">{t('security.log.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e) => (
              <tr key={e.id} data-testid="access-log-row">
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>
                  {e.actorName ?? '–'} <span className="search__hint">({t(`security.log.kinds.${e.actorKind}`)})</span>
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.contactId ?? ''}</td>
                <td>{e.outcome === 'ok' ? t('security.log.ok') : t('security.log.refused', { code: e.outcome })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" className="btn" data-testid="access-log-more" onClick={() => void securityActions.loadLog(true)}>
          {t('security.log.more')}
        </button>
      )}
    </Section>
  );
}
