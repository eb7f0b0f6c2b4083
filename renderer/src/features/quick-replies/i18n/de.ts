/** German texts of the quick replies (settings section and the composer's picker). */
export const de = {
  quickReplies: {
    title: 'Schnellantworten',
    hint: 'Im Eingabefeld „/“ und das Kürzel tippen, z. B. /oeffnungszeiten. Pfeiltasten wählen, Enter fügt ein.',
    empty: 'Noch keine Schnellantworten. Für Antworten, die Sie oft schreiben (Öffnungszeiten, Abholung …): „Schnellantwort anlegen“ – im Chat stehen sie dann neben dem Eingabefeld bereit.',
    add: 'Schnellantwort anlegen',
    shortcut: 'Kürzel',
    language: 'Sprache',
    locales: { de: 'Deutsch', en: 'Englisch' },
    text: 'Text',
    variables: 'Platzhalter: {{list}} (Kundenname, Geschäft, Ihr Profilname)',
    save: 'Speichern',
    cancel: 'Abbrechen',
    saveFailed: 'Nicht gespeichert: {{message}}',
    edit: '/{{shortcut}} bearbeiten',
    delete: '/{{shortcut}} löschen',
    pickerTitle: 'Schnellantworten',
    none: 'Keine passende Schnellantwort. Anlegen unter Einstellungen → Schnellantworten.',
    expandFailed: 'Schnellantwort nicht eingefügt: {{message}}',
  },
};
