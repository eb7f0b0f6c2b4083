import type { i18n as I18n, TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../main/contract/errors';
import { LinkScreen, pairingDigits, pairingErrorText } from '../../../renderer/src/features/whatsapp/LinkScreen';
import { StatusBar } from '../../../renderer/src/features/whatsapp/StatusBar';
import { statusText } from '../../../renderer/src/features/whatsapp/status-text';
import { de as whatsappDe } from '../../../renderer/src/features/whatsapp/i18n/de';
import { en as whatsappEn } from '../../../renderer/src/features/whatsapp/i18n/en';
import { createTestI18n, renderIn } from '../../helpers/renderer-i18n';

let i18n: I18n;
let de: TFunction;
let en: TFunction;
beforeAll(async () => {
  i18n = await createTestI18n();
  de = i18n.getFixedT('de');
  en = i18n.getFixedT('en');
});

describe('WhatsApp linking UI', () => {
  it('words every live state for the status bar', () => {
    expect(statusText({ kind: 'whatsapp', state: 'starting' }, de)).toBe('WhatsApp · WhatsApp startet …');
    expect(statusText({ kind: 'whatsapp', state: 'qr', qr: 'x' }, de)).toBe('WhatsApp · QR-Code scannen');
    expect(statusText({ kind: 'whatsapp', state: 'syncing', percent: 42.4 }, de)).toBe('WhatsApp · Synchronisiert 42 %');
    expect(statusText({ kind: 'whatsapp', state: 'connected' }, en)).toBe('WhatsApp · Connected');
    expect(statusText({ kind: 'whatsapp', state: 'disconnected', retryInMs: 7_200, reason: 'NAVIGATION' }, de)).toBe(
      'WhatsApp · Getrennt · neuer Versuch in 8 s · NAVIGATION',
    );
    expect(statusText({ kind: 'whatsapp', state: 'logged_out' }, en)).toBe('WhatsApp · Logged out');
  });

  it('has the same keys in German and English', () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && !Array.isArray(v) ? keys(v).map((x) => `${k}.${x}`) : [k]));
    expect(keys(whatsappEn).sort()).toEqual(keys(whatsappDe).sort());
  });

  it('renders the status bar with its state for screen readers and tests', () => {
    const html = renderIn(i18n, <StatusBar state={{ kind: 'whatsapp', state: 'connected' }} />);
    expect(html).toContain('data-state="connected"');
    expect(html).toContain('role="status"');
    expect(html).toContain('Verbunden');
  });

  it('shows the pairing code grouped, the demo way out, and the risk note', () => {
    const html = renderIn(i18n, 
      <LinkScreen state={{ kind: 'whatsapp', state: 'pairing_code', code: 'ABCD1234' }} onStartDemo={() => undefined} onUsePairingCode={() => undefined} />,
    );
    expect(html).toContain('ABCD-1234');
    expect(html).toContain('Ohne WhatsApp ausprobieren (Demo)');
    expect(html).toContain('inoffiziell');
  });

  it('offers linking again after a logout', () => {
    const html = renderIn(i18n, <LinkScreen state={{ kind: 'whatsapp', state: 'logged_out' }} onLink={() => undefined} />, 'en');
    expect(html).toContain('Link now');
    expect(html).toContain('The link was removed on the phone');
  });

  it('accepts pairing numbers only with a country code', () => {
    expect(pairingDigits('+49 151 1234-5678')).toBe('4915112345678');
    expect(pairingDigits('0049 151 12345678')).toBe('4915112345678');
    expect(pairingDigits('12')).toBeNull();
    expect(pairingDigits('abc')).toBeNull();
  });

  it('says why no pairing code came: WhatsApp did not answer, or the common words for any other refusal', () => {
    const silent = new ApiError('unavailable', 'no code in time', { reason: 'pairing_failed' });
    expect(pairingErrorText(de, silent)).toBe('WhatsApp hat keinen Kopplungscode geliefert. Bitte den QR-Code scannen oder in einer Minute erneut versuchen.');
    expect(pairingErrorText(en, silent)).toContain('did not provide a pairing code');
    expect(pairingErrorText(de, new ApiError('unavailable', 'other'))).toBe('Gerade nicht möglich. Bitte später erneut versuchen.');
  });
});
