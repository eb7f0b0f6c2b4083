import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { lineStringsFor } from './strings';
import { useLineStatus } from './use-line';

/** Settings: which line runs, the browser for WhatsApp, unlinking. */
export function LineSection() {
  const { i18n } = useTranslation();
  const s = lineStringsFor(i18n.language);
  const { status, refresh } = useLineStatus();
  const [browser, setBrowser] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [switching, setSwitching] = useState(false);

  const saveBrowser = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('line.setBrowser', { path: browser });
      setMessage({ kind: 'ok', text: s.saved });
      refresh();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const run = (method: 'line.link' | 'line.useDemo' | 'line.unlink') => {
    setSwitching(true);
    api.call(method, {}).catch((err: unknown) => {
      setSwitching(false);
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    });
  };

  return (
    <section className="settings-section" id="settings-line" data-testid="settings-line">
      <h3 className="settings-section__title">{s.sectionTitle}</h3>
      <p className="settings-section__hint">{s.sectionHint}</p>
      {status && (
        <>
          <p className="line-section__mode" data-testid="line-mode" data-mode={status.mode}>
            <strong>{status.mode === 'demo' ? s.modeDemo : s.modeWhatsApp}</strong> · {status.linked ? s.linked : s.notLinked}
          </p>
          <form className="line-section__browser" onSubmit={saveBrowser} noValidate>
            <label className="settings-field">
              <span className="settings-field__label">{s.browser}</span>
              <input
                type="text"
                className="input"
                value={browser}
                placeholder={status.browserPath ?? ''}
                onChange={(e) => setBrowser(e.target.value)}
                data-testid="line-browser"
              />
              <span className="settings-field__hint">
                {status.browserPath ? s.browserFound.replace('{{path}}', status.browserPath) : (status.browserError ?? s.browserHint)}
              </span>
            </label>
            <button type="submit" className="btn btn--small">
              {s.save}
            </button>
          </form>
          {message && (
            <p className={`settings__status settings__status--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
          {!status.canSwitch ? (
            <p className="settings-section__hint">{s.noSwitch}</p>
          ) : switching ? (
            <p className="settings-section__hint">{s.switching}</p>
          ) : (
            <div className="line-section__actions">
              {status.mode === 'demo' && (
                <button type="button" className="btn btn--primary" onClick={() => run('line.link')}>
                  {s.connectWhatsApp}
                </button>
              )}
              {status.mode === 'whatsapp' && (
                <button type="button" className="btn" onClick={() => run('line.useDemo')}>
                  {s.useDemo}
                </button>
              )}
              {status.mode === 'whatsapp' && !confirmUnlink && (
                <button type="button" className="btn btn--danger" onClick={() => setConfirmUnlink(true)}>
                  {s.unlink}
                </button>
              )}
              {confirmUnlink && (
                <span className="line-section__confirm" role="alert">
                  {s.unlinkConfirm}{' '}
                  <button type="button" className="btn btn--danger" onClick={() => run('line.unlink')}>
                    {s.unlinkYes}
                  </button>{' '}
                  <button type="button" className="btn btn--ghost" onClick={() => setConfirmUnlink(false)}>
                    {s.cancel}
                  </button>
                </span>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
