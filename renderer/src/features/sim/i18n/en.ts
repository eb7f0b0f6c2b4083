import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the simulated customer phone: the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  sim: {
    attach: 'Attach a photo, video, voice note or document',
    reply: 'Reply to this message',
    quoteCancel: 'Discard reply',
    fileRemove: 'Remove attachment',
    title: 'Customer phone',
    subtitle: 'Practise without WhatsApp: write as a customer.',
    close: 'Close',
    choose: 'Simulated customer',
    newNumber: 'New number',
    phonePlaceholder: '+49 151 …',
    phoneLabel: 'Customer\'s phone number',
    noCustomers: 'No simulated customers yet. Enter a number and start writing.',
    empty: 'No messages on this phone yet.',
    inputPlaceholder: 'Write as the customer …',
    inputLabel: 'Customer\'s message',
    send: 'Send',
    failed: 'Not sent: {{message}}',
    needPhone: 'Please enter a phone number first.',
    shop: 'Shop',
  },
};
