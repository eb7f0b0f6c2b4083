/** Texts of the line controls in the header and the settings (German default, English alternative). */
export const lineStrings = {
  de: {
    connectWhatsApp: 'WhatsApp verbinden',
    connectWhatsAppTitle: 'Die WhatsApp-Nummer des Geschäfts verknüpfen (die Demo-Daten bleiben getrennt erhalten)',
    sectionTitle: 'WhatsApp-Leitung',
    sectionHint:
      'Tresen nutzt WhatsApp Web über einen Browser auf diesem PC. Die Demo hat eigene Daten; echte und simulierte Kunden werden nie vermischt.',
    modeDemo: 'Aktiv: Demo / Training (Simulator)',
    modeWhatsApp: 'Aktiv: WhatsApp-Nummer des Geschäfts',
    linked: 'Eine WhatsApp-Sitzung ist auf diesem PC gespeichert.',
    notLinked: 'Noch keine WhatsApp-Nummer verknüpft.',
    browser: 'Browser für WhatsApp',
    browserHint: 'Leer lassen für automatische Suche (Chrome, Chromium, Edge).',
    browserFound: 'Gefunden: {{path}}',
    save: 'Speichern',
    saved: 'Gespeichert.',
    useDemo: 'Zur Demo wechseln',
    unlink: 'WhatsApp abmelden und trennen',
    unlinkConfirm: 'Wirklich trennen? Die Sitzung wird von diesem PC gelöscht.',
    unlinkYes: 'Ja, trennen',
    cancel: 'Abbrechen',
    switching: 'Leitung wird gewechselt …',
    noSwitch: 'Mit --demo gestartet: die Leitung lässt sich hier nicht wechseln.',
  },
  en: {
    connectWhatsApp: 'Link WhatsApp',
    connectWhatsAppTitle: "Link the shop's WhatsApp number (the demo data is kept separately)",
    sectionTitle: 'WhatsApp line',
    sectionHint:
      'Tresen uses WhatsApp Web through a browser on this PC. The demo has its own data; real and simulated customers never mix.',
    modeDemo: 'Active: demo / training (simulator)',
    modeWhatsApp: "Active: the shop's WhatsApp number",
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
} as const;

export type LineLang = keyof typeof lineStrings;
export const lineStringsFor = (lang: string) => lineStrings[lang === 'en' ? 'en' : 'de'];
