/** German texts of the app shell (header, connection, time, errors): the default language, and the source of the key type. */
export const de = {
  app: {
    title: 'Tresen',
    demoMarker: 'DEMO / Training',
    demoMarkerTitle: 'Demo- und Trainingsmodus: Nachrichten gehen an simulierte Kunden, nicht an WhatsApp.',
    simToggle: 'Kundenhandy',
    simToggleTitle: 'Als Kunde schreiben (simuliertes Handy)',
    themeDark: 'Dunkles Design',
    themeLight: 'Helles Design',
    language: 'Sprache',
    more: 'Mehr',
    disconnected: 'Verbindung unterbrochen … neuer Versuch läuft',
    connecting: 'Verbinde …',
    connectionRefused:
      'Diese Seite ist nicht mehr angemeldet: Tresen wurde mit einem neuen Zugangsschlüssel gestartet. Bitte öffnen Sie die neue Adresse, die der Server beim Start ausgegeben hat (Zeile „Tresen ready at …“).',
    connectionRefusedShort: 'Diese Seite ist nicht mehr angemeldet – bitte die neue Adresse öffnen (siehe Hinweis oben)',
    connectionLost:
      'Tresen antwortet unter dieser Adresse nicht mehr. Wurde der Server neu gestartet, öffnen Sie bitte die Adresse, die er beim Start ausgegeben hat (Zeile „Tresen ready at …“) – sie kann einen neuen Port haben. Diese Seite versucht es hier weiter.',
    loadFailed: 'Laden fehlgeschlagen: {{message}}',
    /** A view whose code is fetched when it first opens (app/lazy-view.tsx). */
    view: {
      loading: 'Lädt …',
      failedTitle: 'Konnte nicht geöffnet werden',
      failed:
        'Dieser Teil von Tresen konnte nicht geladen werden. Bitte erneut versuchen. Wurde Tresen gerade aktualisiert, hilft es, Tresen neu zu starten bzw. die Seite neu zu laden.',
      retry: 'Erneut versuchen',
      close: 'Schließen',
    },
  },
  time: {
    yesterday: 'Gestern',
  },
  errors: {
    validation: 'Eine Eingabe ist ungültig.',
    validationField: 'Eine Eingabe ist ungültig ({{field}}).',
    unauthorized: 'Nicht angemeldet oder der Zugang ist abgelaufen. Bitte die Seite neu laden.',
    forbidden: 'Das ist hier nicht erlaubt.',
    consent_required: 'Ohne Einwilligung des Kunden kann nicht gesendet werden.',
    not_found: 'Nicht gefunden. Vielleicht wurde es gerade entfernt.',
    unknown_method: 'Diese Funktion kennt die App nicht. Bitte Tresen neu starten.',
    conflict: 'Das geht im jetzigen Zustand nicht.',
    payload_too_large: 'Die Datei oder der Text ist zu groß.',
    unsupported_media_type: 'Dieses Dateiformat wird nicht unterstützt.',
    idempotency_mismatch: 'Diese Anfrage wurde schon einmal mit anderem Inhalt gesendet.',
    rate_limited: 'Zu viele Anfragen. Bitte kurz warten und erneut versuchen.',
    internal: 'Unerwarteter Fehler. Bitte erneut versuchen.',
    unavailable: 'Gerade nicht möglich. Bitte später erneut versuchen.',
  },
};
