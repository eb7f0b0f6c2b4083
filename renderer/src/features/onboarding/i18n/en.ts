import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the counter onboarding screen: the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  onboarding: {
    button: 'New customer',
    buttonTitle: 'Show the QR code: the customer scans, sends START and is signed up',
    title: 'New customer',
    lead: 'Show this screen to the customer.',
    step1: 'Scan the QR code with the phone camera.',
    step2: 'WhatsApp opens with “START” – just send it.',
    step3: 'Reply “YES” to the shop\'s message.',
    shopNumber: 'Our WhatsApp number',
    qrAlt: 'QR code: opens WhatsApp with “START” to {{phone}}',
    loading: 'Creating the QR code …',
    failed: 'QR code not available: {{message}}',
    needProfile: 'Please enter the shop\'s WhatsApp number in the settings first.',
    openSettings: 'Open settings',
    poster: 'Print poster (A4, PDF)',
    posterBusy: 'Creating the poster …',
    posterFailed: 'Poster not created: {{message}}',
    posterReady: 'Poster “{{fileName}}” downloaded – open it to print.',
    close: 'Close',
    waiting: 'Waiting for the customer\'s message …',
    arrived: 'Customer {{who}} has written.',
    arrivedRequested: 'The consent request is on its way – have them confirm with “YES”.',
    arrivedGranted: 'Consent given – you can write now.',
    arrivedOther: 'Consent: {{state}}',
    openChat: 'Open chat',
    privacy: 'Privacy: {{url}}',
  },
};
