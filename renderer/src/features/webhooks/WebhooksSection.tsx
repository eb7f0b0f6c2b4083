import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { WebhookEvent } from '@contract';
import { WEBHOOK_EVENTS } from '@contract/constants';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { formatWhen } from '../backup/format';
import { webhookActions } from './actions';
import { useWebhooks } from './webhooks-store';
import './webhooks.css';

/** i18n keys cannot hold dots: message.received → message_received. */
const eventKey = (ev: WebhookEvent) => ev.replace('.', '_') as 'message_received' | 'message_status' | 'consent_changed' | 'case_status';

/** Settings → Webhooks: signed calls to the shop system on events, with the delivery log. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const hooks = useWebhooks((s) => s.hooks);
  const deliveries = useWebhooks((s) => s.deliveries);
  const secret = useWebhooks((s) => s.secret);
  const error = useWebhooks((s) => s.error);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['message.received']);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);

  useEffect(() => void webhookActions.open(), []);
  useEffect(() => webhookActions.watch(), []);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await webhookActions.add({ name: name.trim(), url: url.trim(), events })) {
      setName('');
      setUrl('');
    }
  };
  const toggle = (ev: WebhookEvent, on: boolean) => setEvents((cur) => (on ? [...new Set([...cur, ev])] : cur.filter((x) => x !== ev)));
  const hookName = (id: number) => hooks.find((h) => h.id === id)?.name ?? `#${id}`;
  const errorMessage = () => {
    if (!error) return '';
    const e = toApiError(error);
    return (e.reason && t(`webhooks.reason.${e.reason}`, { defaultValue: '' })) || errorText(t, e);
  };

  return (
    <section className="settings-section" id="settings-webhooks" data-testid="settings-webhooks" aria-labelledby="settings-webhooks-title">
      <h3 className="settings-section__title" id="settings-webhooks-title">
        {t('webhooks.title')}
      </h3>
      <p className="settings-section__hint">{t('webhooks.hint')}</p>

      {secret && (
        <div className="backup-passphrase" role="alert" data-testid="webhook-secret">
          <p>
            <strong>{t('webhooks.secretTitle')}</strong>
          </p>
          <p>{t('webhooks.secretHint')}</p>
          <code className="backup-passphrase__value">{secret.value}</code>
          <button type="button" className="btn btn--primary btn--small" onClick={() => webhookActions.forgetSecret()}>
            {t('webhooks.secretDone')}
          </button>
        </div>
      )}

      {hooks.length === 0 ? (
        <p className="settings-section__hint">{t('webhooks.none')}</p>
      ) : (
        <ul className="webhook-list" data-testid="webhook-list">
          {hooks.map((h) => (
            <li key={h.id} className={`webhook-list__item${h.stoppedAt ? ' webhook-list__item--stopped' : ''}`} data-testid={`webhook-${h.id}`}>
              <div>
                <strong>{h.name}</strong> <span className="webhook-list__url">{h.url}</span>
                <div className="webhook-list__events">{h.events.map((ev) => t(`webhooks.event.${eventKey(ev)}`)).join(' · ')}</div>
                {h.keyName !== null && <div className="webhook-list__events">{t('webhooks.byKey', { key: h.keyName })}</div>}
                {h.stoppedAt && (
                  <div className="webhook-list__stopped" data-testid="webhook-stopped">
                    {t('webhooks.stopped', { when: formatWhen(h.stoppedAt) })}
                  </div>
                )}
              </div>
              {confirmDelete === h.id ? (
                <span>
                  <button type="button" className="btn btn--danger btn--small" onClick={() => void webhookActions.remove(h.id).then(() => setConfirmDelete(null))}>
                    {t('webhooks.deleteYes')}
                  </button>{' '}
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirmDelete(null)}>
                    {t('webhooks.cancel')}
                  </button>
                </span>
              ) : (
                <button type="button" className="btn btn--small" aria-label={t('webhooks.deleteNamed', { name: h.name })} onClick={() => setConfirmDelete(h.id)}>
                  {t('webhooks.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <form className="backup-form" onSubmit={(e) => void add(e)} noValidate data-testid="webhook-form">
        <label className="settings-field webhook-form__name">
          <span className="settings-field__label">{t('webhooks.name')}</span>
          <input type="text" className="input" value={name} onChange={(e) => setName(e.target.value)} data-testid="webhook-name" />
        </label>
        <label className="settings-field backup-form__folder">
          <span className="settings-field__label">{t('webhooks.url')}</span>
          <input type="url" className="input" value={url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} data-testid="webhook-url" />
          <span className="settings-field__hint">{t('webhooks.urlHint')}</span>
        </label>
        <fieldset className="webhook-form__events">
          <legend className="settings-field__label">{t('webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="backup-form__toggle">
              <input type="checkbox" checked={events.includes(ev)} onChange={(e) => toggle(ev, e.target.checked)} />
              {t(`webhooks.event.${eventKey(ev)}`)}
            </label>
          ))}
        </fieldset>
        <div className="backup-form__actions">
          <button type="submit" className="btn btn--primary btn--small" disabled={!name.trim() || !url.trim() || events.length === 0}>
            {t('webhooks.add')}
          </button>
        </div>
      </form>
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {errorMessage()}
        </p>
      )}

      <h4 className="backup-subtitle">{t('webhooks.logTitle')}</h4>
      {deliveries.length === 0 ? (
        <p className="settings-section__hint">{t('webhooks.logEmpty')}</p>
      ) : (
        <table className="backup-table" data-testid="webhook-log">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.colWhen')}</th>
              <th scope="col">{t('webhooks.colWebhook')}</th>
              <th scope="col">{t('webhooks.colEvent')}</th>
              <th scope="col">{t('webhooks.colState')}</th>
              <th scope="col">{t('webhooks.colAttempts')}</th>
              <th scope="col">{t('webhooks.colNext')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{formatWhen(d.createdAt)}</td>
                <td>{hookName(d.webhookId)}</td>
                <td>{t(`webhooks.event.${eventKey(d.event)}`)}</td>
                <td title={d.error ?? undefined}>
                  {t(`webhooks.state.${d.state}`)}
                  {d.statusCode !== null && ` (${d.statusCode})`}
                </td>
                <td>{d.attempts}</td>
                <td>{d.nextAttemptAt ? formatWhen(d.nextAttemptAt) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
