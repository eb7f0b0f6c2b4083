/** German texts of the simulated customer phone: the default language, and the source of the key type. */
export const de = {
  sim: {
    attach: 'Foto, Video, Sprachnachricht oder Dokument anhängen',
    reply: 'Auf diese Nachricht antworten',
    quoteCancel: 'Antwort verwerfen',
    fileRemove: 'Anhang entfernen',
    title: 'Kundenhandy',
    subtitle: 'Üben ohne WhatsApp: schreiben Sie als Kunde.',
    close: 'Schließen',
    choose: 'Simulierter Kunde',
    newNumber: 'Neue Nummer',
    phonePlaceholder: '+49 151 …',
    phoneLabel: 'Telefonnummer des Kunden',
    noCustomers: 'Noch keine simulierten Kunden. Nummer eingeben und losschreiben.',
    empty: 'Noch keine Nachrichten auf diesem Handy.',
    inputPlaceholder: 'Als Kunde schreiben …',
    inputLabel: 'Nachricht des Kunden',
    send: 'Senden',
    failed: 'Nicht gesendet: {{message}}',
    needPhone: 'Bitte zuerst eine Telefonnummer eingeben.',
    shop: 'Geschäft',
  },
};
