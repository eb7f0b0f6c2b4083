import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelStateView } from '@contract';
import { internationalDigits } from '@contract/phone';
import { useTranslation } from '../../i18n/use-translation';
import type { TFunction } from 'i18next';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';

export interface LinkScreenProps {
  state: ChannelStateView;
  /** Asks main for a pairing code for this phone number (digits with country code). */
  onUsePairingCode?: (phone: string) => void | Promise<void>;
  /** Switches to the demo simulator. */
  onStartDemo?: () => void;
  /** Starts (or restarts) linking after a logout or failure. */
  onLink?: () => void;
}

/** Digits with country code, as WhatsApp's pairing expects; null when implausible (the contract's phone rule). */
export { internationalDigits as pairingDigits } from '@contract/phone';

function QrImage({ data, alt, loading, failed }: { data: string; alt: string; loading: string; failed: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    setUrl(null);
    setError(false);
    QRCode.toDataURL(data, { errorCorrectionLevel: 'M', margin: 2, width: 280 })
      .then((u) => live && setUrl(u))
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [data]);
  if (error) return <p className="wa-link__error">{failed}</p>;
  if (!url) return <p className="wa-link__muted">{loading}</p>;
  return <img className="wa-link__qr" src={url} alt={alt} width={280} height={280} data-testid="wa-qr" />;
}

/** Linking the shop's line: QR code, pairing code as the alternative, the demo as a way out. */
/** Why no pairing code came: WhatsApp's silence gets its own advice, anything else the common words. */
export function pairingErrorText(t: TFunction, err: unknown): string {
  return toApiError(err).reason === 'pairing_failed' ? t('whatsapp.pairingFailed') : errorText(t, err);
}

export function LinkScreen({ state, onUsePairingCode, onStartDemo, onLink }: LinkScreenProps) {
  const { t } = useTranslation();
  const [showPairing, setShowPairing] = useState(false);
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [requestError, setRequestError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const digits = internationalDigits(phone);
    setPhoneError(!digits);
    if (!digits || !onUsePairingCode) return;
    setBusy(true);
    setRequestError(null);
    try {
      await onUsePairingCode(digits);
    } catch (err) {
      // WhatsApp did not hand out a code in time (or the line is not waiting to be linked).
      setRequestError(pairingErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  let body;
  switch (state.state) {
    case 'qr':
      body = (
        <>
          <ol className="wa-link__steps">
            <li>{t('whatsapp.qrStep1')}</li>
            <li>{t('whatsapp.qrStep2')}</li>
            <li>{t('whatsapp.qrStep3')}</li>
          </ol>
          {state.qr ? <QrImage data={state.qr} alt={t('whatsapp.qrAlt')} loading={t('whatsapp.qrLoading')} failed={t('whatsapp.qrFailed')} /> : <p>{t('whatsapp.qrLoading')}</p>}
        </>
      );
      break;
    case 'pairing_code':
      body = (
        <div className="wa-link__pairing">
          <h2>{t('whatsapp.pairingCodeTitle')}</h2>
          <p className="wa-link__code" data-testid="wa-pairing-code">
            {(state.code ?? '').replace(/^(.{4})(.{4})$/, '$1-$2')}
          </p>
          <p>{t('whatsapp.pairingSteps')}</p>
        </div>
      );
      break;
    case 'syncing':
      body = (
        <p>
          {t('whatsapp.syncing')}{' '}
          <progress max={100} value={Math.round(state.percent ?? 0)} aria-label={t('whatsapp.syncing')} />
        </p>
      );
      break;
    case 'connected':
      body = <p>{t('whatsapp.connectedInfo')}</p>;
      break;
    case 'logged_out':
      body = <p>{t('whatsapp.loggedOutInfo')}</p>;
      break;
    case 'failed':
      body = (
        <p className="wa-link__error">
          {t('whatsapp.failedInfo')} {state.reason}
        </p>
      );
      break;
    default:
      body = <p className="wa-link__muted">{t('whatsapp.waiting')}</p>;
  }

  const canPair = onUsePairingCode && (state.state === 'qr' || state.state === 'pairing_code');
  return (
    <section className="wa-link" aria-labelledby="wa-link-title" data-testid="wa-link">
      <h1 id="wa-link-title">{t('whatsapp.title')}</h1>
      <p>{t('whatsapp.lead')}</p>
      {body}
      {(state.state === 'logged_out' || state.state === 'failed') && onLink && (
        <button type="button" onClick={onLink}>
          {t('whatsapp.link')}
        </button>
      )}
      {canPair && !showPairing && (
        <button type="button" className="link-button" onClick={() => setShowPairing(true)}>
          {t('whatsapp.usePairingCode')}
        </button>
      )}
      {canPair && showPairing && (
        <form className="wa-link__pairing-form" onSubmit={submit} noValidate>
          <label>
            {t('whatsapp.pairingPhoneLabel')}
            <input
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={phone}
              placeholder={t('whatsapp.pairingPhonePlaceholder')}
              aria-invalid={phoneError}
              onChange={(e) => setPhone(e.target.value)}
            />
          </label>
          {phoneError && <p className="wa-link__error">{t('whatsapp.pairingInvalid')}</p>}
          {requestError && (
            <p className="wa-link__error" role="alert">
              {requestError}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {t('whatsapp.pairingRequest')}
          </button>
        </form>
      )}
      {onStartDemo && state.state !== 'connected' && (
        <button type="button" className="link-button" onClick={onStartDemo}>
          {t('whatsapp.startDemo')}
        </button>
      )}
      <p className="wa-link__risk">{t('whatsapp.risk')}</p>
    </section>
  );
}
