import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the line controls in the header and the settings: the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  line: {
    connectWhatsApp: 'Link WhatsApp',
    connectWhatsAppTitle: 'Link the shop\'s WhatsApp number (the demo data is kept separately)',
    sectionTitle: 'WhatsApp line',
    sectionHint: 'Tresen uses WhatsApp Web through a browser on this PC. The demo has its own data; real and simulated customers never mix.',
    modeDemo: 'Active: demo / training (simulator)',
    modeWhatsApp: 'Active: the shop\'s WhatsApp number',
    linked: 'A WhatsApp session is stored on this PC.',
    notLinked: 'No WhatsApp number linked yet.',
    browser: 'Browser for WhatsApp',
    browserHint: 'Leave empty to search automatically (Chrome, Chromium, Edge).',
    browserFound: 'Found: {{path}}',
    save: 'Save',
    saved: 'Saved.',
    useDemo: 'Switch to the demo',
    unlink: 'Log out and unlink WhatsApp',
    unlinkConfirm: 'Really unlink? The session is deleted from this PC.',
    unlinkYes: 'Yes, unlink',
    cancel: 'Cancel',
    switching: 'Switching the line …',
    noSwitch: 'Started with --demo: the line cannot be switched here.',
  },
};
