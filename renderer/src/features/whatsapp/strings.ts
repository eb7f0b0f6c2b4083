/** Texts of the WhatsApp linking screen and status bar (German default, English alternative). */
export const whatsappStrings = {
  de: {
    title: 'WhatsApp-Nummer des Geschäfts verbinden',
    lead: 'Tresen arbeitet mit der eigenen WhatsApp-Nummer des Geschäfts. Verbinden Sie sie einmalig wie bei WhatsApp Web.',
    qrSteps: [
      'WhatsApp auf dem Geschäftshandy öffnen.',
      'Einstellungen → Verknüpfte Geräte → Gerät verknüpfen.',
      'Diesen QR-Code scannen.',
    ],
    qrAlt: 'QR-Code zum Verknüpfen von WhatsApp',
    qrLoading: 'QR-Code wird erzeugt …',
    qrFailed: 'QR-Code konnte nicht angezeigt werden.',
    usePairingCode: 'Stattdessen mit Telefonnummer verknüpfen',
    pairingPhoneLabel: 'Nummer des Geschäftshandys (mit Ländervorwahl)',
    pairingPhonePlaceholder: '+49 151 12345678',
    pairingRequest: 'Code anfordern',
    pairingInvalid: 'Bitte die vollständige Nummer mit Ländervorwahl eingeben.',
    pairingCodeTitle: 'Kopplungscode',
    pairingSteps: 'Auf dem Handy: Verknüpfte Geräte → Gerät verknüpfen → „Stattdessen mit Telefonnummer verknüpfen“ und diesen Code eingeben.',
    startDemo: 'Ohne WhatsApp ausprobieren (Demo)',
    link: 'Jetzt verbinden',
    waiting: 'WhatsApp wird gestartet …',
    syncing: 'Nachrichten werden geladen …',
    connectedInfo: 'Die Nummer ist verbunden.',
    loggedOutInfo: 'Die Verbindung wurde auf dem Handy getrennt. Bitte neu verbinden.',
    failedInfo: 'WhatsApp konnte nicht gestartet werden.',
    risk: 'Hinweis: Tresen nutzt WhatsApp Web (inoffiziell). WhatsApp verbietet Massen- und automatisierte Nachrichten und kann Nummern sperren.',
    state: {
      starting: 'WhatsApp startet …',
      qr: 'QR-Code scannen',
      pairing_code: 'Kopplungscode eingeben',
      syncing: 'Synchronisiert {{percent}} %',
      connected: 'Verbunden',
      disconnected: 'Getrennt',
      logged_out: 'Abgemeldet',
      failed: 'Fehler',
    },
    retryIn: 'neuer Versuch in {{seconds}} s',
    channel: { whatsapp: 'WhatsApp', simulator: 'Demo' },
  },
  en: {
    title: "Link the shop's WhatsApp number",
    lead: "Tresen works with the shop's own WhatsApp number. Link it once, just like WhatsApp Web.",
    qrSteps: ["Open WhatsApp on the shop's phone.", 'Settings → Linked devices → Link a device.', 'Scan this QR code.'],
    qrAlt: 'QR code to link WhatsApp',
    qrLoading: 'Creating QR code …',
    qrFailed: 'The QR code could not be shown.',
    usePairingCode: 'Link with phone number instead',
    pairingPhoneLabel: "Shop phone's number (with country code)",
    pairingPhonePlaceholder: '+49 151 12345678',
    pairingRequest: 'Request code',
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
    channel: { whatsapp: 'WhatsApp', simulator: 'Demo' },
  },
} as const;

export type WhatsAppLang = keyof typeof whatsappStrings;
type Widen<T> = T extends string ? string : T extends readonly string[] ? readonly string[] : { [K in keyof T]: Widen<T[K]> };
export type WhatsAppStrings = Widen<(typeof whatsappStrings)['de']>;

/** Fills {{name}} placeholders (i18next syntax, so the texts move over unchanged). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export function stringsFor(lang: WhatsAppLang = 'de'): WhatsAppStrings {
  return whatsappStrings[lang] ?? whatsappStrings.de;
}
