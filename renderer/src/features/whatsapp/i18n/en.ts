import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the WhatsApp linking screen and the status bar: the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  whatsapp: {
    title: 'Link the shop\'s WhatsApp number',
    lead: 'Tresen works with the shop\'s own WhatsApp number. Link it once, just like WhatsApp Web.',
    qrStep1: 'Open WhatsApp on the shop\'s phone.',
    qrStep2: 'Settings → Linked devices → Link a device.',
    qrStep3: 'Scan this QR code.',
    qrAlt: 'QR code to link WhatsApp',
    qrLoading: 'Creating QR code …',
    qrFailed: 'The QR code could not be shown.',
    usePairingCode: 'Link with phone number instead',
    pairingPhoneLabel: 'Shop phone\'s number (with country code)',
    pairingPhonePlaceholder: '+49 151 12345678',
    pairingRequest: 'Request code',
    pairingFailed: 'WhatsApp did not provide a pairing code. Please scan the QR code or try again in a minute.',
    pairingInvalid: 'Please enter the full number with country code.',
    pairingCodeTitle: 'Pairing code',
    pairingSteps: 'On the phone: Linked devices → Link a device → "Link with phone number instead", then enter this code.',
    startDemo: 'Try without WhatsApp (demo)',
    link: 'Link now',
    waiting: 'Starting WhatsApp …',
    syncing: 'Loading messages …',
    connectedInfo: 'The number is linked.',
    loggedOutInfo: 'The link was removed on the phone. Please link again.',
    failedInfo: 'WhatsApp could not be started.',
    risk: 'Note: Tresen uses WhatsApp Web (unofficial). WhatsApp forbids bulk and automated messaging and may block numbers.',
    appOffline: 'No connection to the app · line state unknown',
    state: {
      starting: 'WhatsApp starting …',
      qr: 'Scan QR code',
      pairing_code: 'Enter pairing code',
      syncing: 'Syncing {{percent}} %',
      connected: 'Connected',
      disconnected: 'Disconnected',
      logged_out: 'Logged out',
      failed: 'Failed',
    },
    retryIn: 'retrying in {{seconds}} s',
    channel: {
      whatsapp: 'WhatsApp',
      simulator: 'Demo',
    },
  },
};
