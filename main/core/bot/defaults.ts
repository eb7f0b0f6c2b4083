import type { BotRule, BotSettings } from '../../contract';

/** The answers a shop needs from day one; every text stays editable in the settings. */
export const DEFAULT_RULES: BotRule[] = [
  {
    id: 'hours',
    enabled: true,
    phrases: ['Öffnungszeiten', 'geöffnet', 'wann habt ihr auf', 'wann offen', 'opening hours', 'open today', 'when open'],
    answer: { de: 'Unsere Öffnungszeiten: {openingHours}.', en: 'Our opening hours: {openingHours}.' },
  },
  {
    id: 'address',
    enabled: true,
    phrases: ['Adresse', 'Anschrift', 'wo seid ihr', 'wo finde ich euch', 'address', 'where are you'],
    answer: { de: 'Sie finden uns hier: {address}.', en: 'You will find us at {address}.' },
  },
  {
    id: 'returns',
    enabled: true,
    phrases: ['Rückgabe', 'Umtausch', 'umtauschen', 'zurückgeben', 'Retoure', 'return', 'refund', 'exchange'],
    answer: {
      de: 'Unbenutzte Ware können Sie innerhalb von 14 Tagen mit Kassenbon zurückgeben oder umtauschen.',
      en: 'Unused items can be returned or exchanged within 14 days with the receipt.',
    },
  },
  {
    id: 'payment',
    enabled: true,
    phrases: ['bezahlen', 'Zahlung', 'Kartenzahlung', 'EC-Karte', 'Kreditkarte', 'PayPal', 'payment', 'pay by card', 'credit card'],
    answer: {
      de: 'Sie können bei uns bar, mit Girocard, Kreditkarte und kontaktlos bezahlen.',
      en: 'You can pay cash, by debit or credit card, or contactless.',
    },
  },
  {
    id: 'parking',
    enabled: true,
    phrases: ['parken', 'Parkplatz', 'Parkhaus', 'parking', 'car park'],
    answer: {
      de: 'Kostenlose Parkplätze gibt es direkt vor dem Laden und in den Seitenstraßen.',
      en: 'Free parking is available right in front of the shop and in the side streets.',
    },
  },
];

export const DEFAULT_HANDOVER_WORDS = ['Mitarbeiter', 'Mensch', 'Person', 'Beratung', 'human', 'agent'];

export function defaultBotSettings(demo: boolean): BotSettings {
  return {
    // Off until the shop has reviewed the answers and switched it on (the demo too:
    // staff practise the counter first, and the bot's texts name the shop).
    enabled: false,
    prefix: { de: '🤖 Automatische Antwort:', en: '🤖 Automatic reply:' },
    rules: DEFAULT_RULES,
    handoverWords: DEFAULT_HANDOVER_WORDS,
    staffQuietMinutes: 30,
    maxUnanswered: 2,
    texts: {
      handoverOpen: {
        de: 'Ich gebe Sie an unser Team weiter. Eine Mitarbeiterin oder ein Mitarbeiter antwortet Ihnen in Kürze (heute bis {closing}).',
        en: 'I am passing you on to our team. A person will answer you shortly (today until {closing}).',
      },
      handoverClosed: {
        de: 'Ich gebe Sie an unser Team weiter. Eine Mitarbeiterin oder ein Mitarbeiter antwortet Ihnen ab {nextOpening}.',
        en: 'I am passing you on to our team. A person will answer you from {nextOpening}.',
      },
      caseStatus: {
        de: 'Ihr Vorgang {caseNumber}{title}: Status „{status}“.',
        en: 'Your case {caseNumber}{title}: status "{status}".',
      },
      caseNotFound: {
        de: 'Den Vorgang {caseNumber} haben wir zu Ihrer Nummer nicht gefunden.',
        en: 'We could not find case {caseNumber} for your number (nicht gefunden).',
      },
      caseWhich: {
        de: 'Sie haben mehrere offene Vorgänge ({caseNumbers}). Bitte schreiben Sie uns die Vorgangsnummer.',
        en: 'You have several open cases ({caseNumbers}). Please send us the case number.',
      },
    },
    specialDays: [],
    away: {
      enabled: false,
      text: {
        de: 'Wir haben gerade geschlossen. Ab {nextOpening} sind wir wieder für Sie da. Unsere Öffnungszeiten: {openingHours}.',
        en: 'We are closed right now. We are back for you from {nextOpening}. Our opening hours: {openingHours}.',
      },
    },
    announcements: { weeklyCap: 2, intervalSeconds: demo ? 2 : 45, jitter: 0.3 },
  };
}
