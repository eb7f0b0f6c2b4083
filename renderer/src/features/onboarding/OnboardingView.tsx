import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary } from '@contract';
import { api } from '../../api';
import { toApiError } from '../../api/client';
import { controller } from '../../app/instance';
import { displayName, formatPhone } from '../../lib/format';
import { useContacts } from '../../store/contacts';
import { useSettingsView } from '../settings/settings-store';
import { base64ToBytes, isNewArrival, phoneFromWaLink, safeFileName, svgDataUrl } from './onboarding-ui';
import './onboarding.css';

type Qr = { state: 'loading' } | { state: 'ready'; src: string; link: string } | { state: 'failed'; code: string; message: string };
type Poster = { state: 'idle' } | { state: 'busy' } | { state: 'done'; fileName: string } | { state: 'failed'; message: string };

/** Offers bytes as a file download without leaving the page. */
function downloadPdf(fileName: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
export function OnboardingView({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<Qr>({ state: 'loading' });
  const [shopPhone, setShopPhone] = useState<string | null>(null);
  const [privacyUrl, setPrivacyUrl] = useState<string>('');
  const [poster, setPoster] = useState<Poster>({ state: 'idle' });
  const [arrival, setArrival] = useState<ContactSummary | null>(null);
  const opened = useRef<{ at: number; known: Set<number> } | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  if (opened.current === null) {
    opened.current = { at: Date.now(), known: new Set(useContacts.getState().list.map((c) => c.id)) };
  }

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { link, svg } = await api.call('onboarding.qr', {});
        if (live) setQr({ state: 'ready', src: svgDataUrl(svg), link });
        if (live) setShopPhone((p) => p ?? phoneFromWaLink(link));
      } catch (err) {
        const e = toApiError(err);
        if (live) setQr({ state: 'failed', code: e.code, message: e.message });
      }
    })();
    void (async () => {
      try {
        const s = await api.call('settings.get', {});
        if (!live) return;
        if (s.shop.phone) setShopPhone(s.shop.phone);
        setPrivacyUrl(s.shop.privacyUrl);
      } catch {
        // The number then comes from the QR link; nothing else depends on it.
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  // The newest customer who wrote since the screen opened; later updates refresh their state.
  useEffect(
    () =>
      api.on('contact.updated', (c) => {
        const o = opened.current;
        if (!o) return;
        setArrival((current) => {
          if (current && current.id === c.id) return c;
          return isNewArrival(c, o.at, o.known) ? c : current;
        });
      }),
    [],
  );

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const printPoster = async (): Promise<void> => {
    setPoster({ state: 'busy' });
    try {
      const { fileName, pdfBase64 } = await api.call('onboarding.poster', {});
      const name = safeFileName(fileName, 'tresen-poster.pdf');
      downloadPdf(name, base64ToBytes(pdfBase64));
      setPoster({ state: 'done', fileName: name });
    } catch (err) {
      setPoster({ state: 'failed', message: toApiError(err).message });
    }
  };

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
                <p>{t('onboarding.failed', { message: qr.message })}</p>
                <p>{t('onboarding.needProfile')}</p>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    onClose();
                    useSettingsView.getState().show('shop');
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
            onClick={() => void printPoster()}
          >
            <span aria-hidden="true">🖨 </span>
            {poster.state === 'busy' ? t('onboarding.posterBusy') : t('onboarding.poster')}
          </button>
          {poster.state === 'done' && (
            <span className="onboarding__note" role="status" data-testid="onboarding-poster-done">
              {t('onboarding.posterReady', { fileName: poster.fileName })}
            </span>
          )}
          {poster.state === 'failed' && (
            <span className="onboarding__note onboarding__note--error" role="alert">
              {t('onboarding.posterFailed', { message: poster.message })}
            </span>
          )}
        </footer>
      </div>
    </div>
  );
}
