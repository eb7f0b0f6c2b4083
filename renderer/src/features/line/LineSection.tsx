import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorText } from '../../i18n/errors';
import { lineActions } from './actions';
import { useLine } from './line-store';

/** Settings: which line runs, the browser for WhatsApp, unlinking. */
export function LineSection() {
  const { t } = useTranslation();
  const status = useLine((s) => s.status);
  const switching = useLine((s) => s.switching);
  const notice = useLine((s) => s.notice);
  const [browser, setBrowser] = useState('');
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  useEffect(() => void lineActions.open(), []);
  const message = notice && { kind: notice.kind, text: notice.kind === 'ok' ? t('line.saved') : errorText(t, notice.error) };

  const saveBrowser = (e: FormEvent) => {
    e.preventDefault();
    void lineActions.saveBrowser(browser);
  };
  const run = (method: 'line.link' | 'line.useDemo' | 'line.unlink') => lineActions.switchLine(method);

  return (
    <section className="settings-section" id="settings-line" data-testid="settings-line">
      <h3 className="settings-section__title">{t('line.sectionTitle')}</h3>
      <p className="settings-section__hint">{t('line.sectionHint')}</p>
      {status && (
        <>
          <p className="line-section__mode" data-testid="line-mode" data-mode={status.mode}>
            <strong>{status.mode === 'demo' ? t('line.modeDemo') : t('line.modeWhatsApp')}</strong> · {status.linked ? t('line.linked') : t('line.notLinked')}
          </p>
          <form className="line-section__browser" onSubmit={saveBrowser} noValidate>
            <label className="settings-field">
              <span className="settings-field__label">{t('line.browser')}</span>
              <input
                type="text"
                className="input"
                value={browser}
                placeholder={status.browserPath ?? ''}
                onChange={(e) => setBrowser(e.target.value)}
                data-testid="line-browser"
              />
              <span className="settings-field__hint">
                {status.browserPath ? t('line.browserFound', { path: status.browserPath }) : (status.browserError ?? t('line.browserHint'))}
              </span>
            </label>
            <button type="submit" className="btn btn--small">
              {t('line.save')}
            </button>
          </form>
          {message && (
            <p className={`settings__status settings__status--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
          {!status.canSwitch ? (
            <p className="settings-section__hint">{t('line.noSwitch')}</p>
          ) : switching ? (
            <p className="settings-section__hint">{t('line.switching')}</p>
          ) : (
            <div className="line-section__actions">
              {status.mode === 'demo' && (
                <button type="button" className="btn btn--primary" onClick={() => run('line.link')}>
                  {t('line.connectWhatsApp')}
                </button>
              )}
              {status.mode === 'whatsapp' && (
                <button type="button" className="btn" onClick={() => run('line.useDemo')}>
                  {t('line.useDemo')}
                </button>
              )}
              {status.mode === 'whatsapp' && !confirmUnlink && (
                <button type="button" className="btn btn--danger" onClick={() => setConfirmUnlink(true)}>
                  {t('line.unlink')}
                </button>
              )}
              {confirmUnlink && (
                <span className="line-section__confirm" role="alert">
                  {t('line.unlinkConfirm')}{' '}
                  <button type="button" className="btn btn--danger" onClick={() => run('line.unlink')}>
                    {t('line.unlinkYes')}
                  </button>{' '}
                  <button type="button" className="btn btn--ghost" onClick={() => setConfirmUnlink(false)}>
                    {t('line.cancel')}
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
