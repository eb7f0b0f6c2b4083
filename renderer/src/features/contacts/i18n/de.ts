/** German texts of the contact search and rows in the inbox list: the default language, and the source of the key type. */
export const de = {
  contacts: {
    listLabel: 'Kontakte',
    search: 'Suchen (Name, Nummer, Text)',
    searchLabel: 'Kontakte durchsuchen',
    empty: 'Noch keine Kontakte.',
    emptyHint: 'Hier kommen die WhatsApp-Nachrichten Ihrer Kunden an. Zeigen Sie einem Kunden „Neuer Kunde“ oben: scannen, START senden, JA – schon steht er hier.',
    noResults: 'Keine Treffer für „{{search}}“.',
    waitingForConsent: 'wartet auf Einwilligung seit {{since}}',
    waitingForConsentCount_one: '{{count}} Nachricht wartet auf Einwilligung',
    waitingForConsentCount_other: '{{count}} Nachrichten warten auf Einwilligung',
    noMessages: 'Keine Nachrichten',
    unread_one: '{{count}} ungelesene Nachricht',
    unread_other: '{{count}} ungelesene Nachrichten',
  },
};
