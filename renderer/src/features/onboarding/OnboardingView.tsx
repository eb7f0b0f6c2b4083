import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { controller } from '../../app/instance';
import { errorText } from '../../i18n/errors';
import { displayName, formatPhone } from '../../lib/format';
import { useUi } from '../../store/ui';
import { onboardingActions } from './actions';
import { useOnboarding } from './onboarding-store';
import './onboarding.css';
import { Printer } from 'lucide-react';

function Arrival({ contact, onOpen }: { contact: ContactSummary; onOpen: () => void }) {
  const { t } = useTranslation();
  const state = contact.consent.service;
  return (
    <div className="onboarding__arrival" role="status" data-testid="onboarding-arrival" data-phone={contact.phone}>
      <div className="onboarding__arrival-text">
        <strong>{t('onboarding.arrived', { who: displayName(contact) })}</strong>
        <span data-testid="onboarding-arrival-state" data-state={state}>
          {state === 'granted'
            ? t('onboarding.arrivedGranted')
            : state === 'requested'
              ? t('onboarding.arrivedRequested')
              : t('onboarding.arrivedOther', { state: t(`consentUi.state.${state}`) })}
        </span>
      </div>
      <button type="button" className="btn btn--primary btn--big" data-testid="onboarding-open-chat" onClick={onOpen}>
        {t('onboarding.openChat')} →
      </button>
    </div>
  );
}

/**
 * The screen turned towards the customer at the counter: a big QR code that
 * opens WhatsApp with START for the shop's number, three short steps, the
 * poster download, and a live notice once the customer's message arrives.
 */
export function OnboardingView() {
  const { t } = useTranslation();
  const qr = useOnboarding((s) => s.qr);
  const shopPhone = useOnboarding((s) => s.shopPhone);
  const privacyUrl = useOnboarding((s) => s.privacyUrl);
  const poster = useOnboarding((s) => s.poster);
  const arrival = useOnboarding((s) => s.arrival);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onClose = useCallback(() => useUi.getState().hide('onboarding'), []);

  useEffect(() => onboardingActions.open(), []);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const openChat = (): void => {
    if (!arrival) return;
    void controller.openContact(arrival.id);
    onClose();
  };

  const phone = shopPhone ? formatPhone(shopPhone) : '';

  return (
    <div className="onboarding" role="dialog" aria-modal="true" aria-labelledby="onboarding-title" data-testid="onboarding">
      <div className="onboarding__card">
        <header className="onboarding__header">
          <h2 id="onboarding-title" className="onboarding__title">
            {t('onboarding.title')}
          </h2>
          <button ref={closeRef} type="button" className="btn" data-testid="onboarding-close" onClick={onClose}>
            ✕ {t('onboarding.close')}
          </button>
        </header>
        <div className="onboarding__body">
          <div className="onboarding__qr-box">
            {qr.state === 'ready' && (
              <img
                className="onboarding__qr"
                data-testid="onboarding-qr"
                src={qr.src}
                alt={t('onboarding.qrAlt', { phone })}
                data-link={qr.link}
              />
            )}
            {qr.state === 'loading' && <p className="onboarding__qr-msg">{t('onboarding.loading')}</p>}
            {qr.state === 'failed' && (
              <div className="onboarding__qr-msg onboarding__qr-msg--error" role="alert" data-testid="onboarding-qr-error">
                <p>{t('onboarding.failed', { message: errorText(t, qr.error) })}</p>
                <p>{t('onboarding.needProfile')}</p>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    onClose();
                    useUi.getState().showSettings('shop');
                  }}
                >
                  {t('onboarding.openSettings')}
                </button>
              </div>
            )}
          </div>
          <div className="onboarding__side">
            <p className="onboarding__lead">{t('onboarding.lead')}</p>
            <ol className="onboarding__steps">
              <li>{t('onboarding.step1')}</li>
              <li>{t('onboarding.step2')}</li>
              <li>{t('onboarding.step3')}</li>
            </ol>
            {phone && (
              <div className="onboarding__number">
                <span className="onboarding__number-label">{t('onboarding.shopNumber')}</span>
                <span className="onboarding__number-value" data-testid="onboarding-shop-number">
                  {phone}
                </span>
              </div>
            )}
            {privacyUrl && <p className="onboarding__privacy">{t('onboarding.privacy', { url: privacyUrl })}</p>}
            {arrival ? (
              <Arrival contact={arrival} onOpen={openChat} />
            ) : (
              <div className="onboarding__waiting" data-testid="onboarding-waiting">
                <span className="onboarding__pulse" aria-hidden="true" />
                {t('onboarding.waiting')}
              </div>
            )}
          </div>
        </div>
        <footer className="onboarding__footer">
          <button
            type="button"
            className="btn"
            data-testid="onboarding-poster"
            disabled={poster.state === 'busy' || qr.state === 'failed'}
            onClick={() => void onboardingActions.printPoster()}
          >
            <Printer size={16} aria-hidden="true" />
            {poster.state === 'busy' ? t('onboarding.posterBusy') : t('onboarding.poster')}
          </button>
          {poster.state === 'done' && (
            <span className="onboarding__note" role="status" data-testid="onboarding-poster-done">
              {t('onboarding.posterReady', { fileName: poster.fileName })}
            </span>
          )}
          {poster.state === 'failed' && (
            <span className="onboarding__note onboarding__note--error" role="alert">
              {t('onboarding.posterFailed', { message: errorText(t, poster.error) })}
            </span>
          )}
        </footer>
      </div>
    </div>
  );
}
