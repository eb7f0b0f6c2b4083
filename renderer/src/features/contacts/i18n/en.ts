import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the contact list: the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  contacts: {
    listLabel: 'Contacts',
    search: 'Search (name, number, text)',
    searchLabel: 'Search contacts',
    empty: 'No contacts yet.',
    emptyHint: 'Your customers\' WhatsApp messages arrive here. Show a customer “New customer” at the top: scan, send START, YES – and they are here.',
    noResults: 'No matches for “{{search}}”.',
    waitingForConsent: 'waiting for consent since {{since}}',
    waitingForConsentCount_one: '{{count}} message waiting for consent',
    waitingForConsentCount_other: '{{count}} messages waiting for consent',
    noMessages: 'No messages',
    unread_one: '{{count}} unread message',
    unread_other: '{{count}} unread messages',
  },
};
