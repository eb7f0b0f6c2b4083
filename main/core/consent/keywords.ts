import type { KeywordSettings } from '../../contract';

export type KeywordIntent = 'stop_all' | 'stop_marketing' | 'marketing_opt_in' | 'confirm';

/**
 * Reduces a message to the words that count: NFKC, lower case, German
 * umlaut spellings unified (ä/ae …), emoji and punctuation dropped, spaces
 * collapsed. "STOPP!!", " stopp 🙏 " and "Stopp" all become "stopp".
 */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface KeywordMatcher {
  /** The intent of a message that consists of nothing but a keyword; null for ordinary text. */
  classify(text: string): KeywordIntent | null;
}

/**
 * Matches whole messages only, so a keyword inside a sentence ("ich möchte
 * nicht stoppen") is ordinary text. The lists of all languages are merged:
 * a customer may answer in either.
 */
/**
 * Revocation must work at any time (DSK): these words always revoke
 * everything, whatever the settings say.
 */
export const ALWAYS_STOP = ['STOP', 'STOPP', 'ABMELDEN', 'ENDE', 'UNSUBSCRIBE'] as const;

/** Greetings and small talk are never consent, even if someone lists them as a confirm word. */
const NEVER_CONSENT = new Set(['hallo', 'hi', 'hey', 'moin', 'servus', 'guten tag', 'hello', 'danke', 'thanks', 'test', 'nein', 'no']);

/** Why a keyword configuration is refused (field path + German message), or null when it is sound. */
export function keywordProblem(lists: Record<string, KeywordSettings>): { field: string; message: string } | null {
  const seen = new Map<string, string>();
  for (const s of ALWAYS_STOP) seen.set(normaliseKeyword(s), 'stopAll');
  let confirmCount = 0;
  for (const [lang, list] of Object.entries(lists)) {
    for (const key of Object.keys(list) as (keyof KeywordSettings)[]) {
      for (const word of list[key]) {
        const n = normaliseKeyword(word);
        const field = `keywords.${lang}.${key}`;
        if (n === '') return { field, message: `${field}: „${word}“ enthält keine Buchstaben oder Ziffern.` };
        if (key === 'confirm') {
          confirmCount++;
          if (NEVER_CONSENT.has(n)) return { field, message: `${field}: „${word}“ ist ein Gruß oder Allerweltswort und kann keine Einwilligung sein.` };
        }
        const other = seen.get(n);
        if (other !== undefined && other !== key) {
          return { field, message: `${field}: „${word}“ steht schon in einer anderen Liste (${other}); ein Wort darf nur eines bedeuten.` };
        }
        seen.set(n, key);
      }
    }
  }
  if (confirmCount === 0) {
    return { field: 'keywords.de.confirm', message: 'keywords.de.confirm: Mindestens ein Bestätigungswort (z. B. JA) ist nötig.' };
  }
  return null;
}

export function createKeywordMatcher(lists: readonly KeywordSettings[]): KeywordMatcher {
  // Checked in this order: the narrower "STOP NEWSLETTER" must win over "STOP".
  const order: [KeywordIntent, keyof KeywordSettings][] = [
    ['stop_marketing', 'marketingStop'],
    ['stop_all', 'stopAll'],
    ['marketing_opt_in', 'marketingOptIn'],
    ['confirm', 'confirm'],
  ];
  const table = new Map<string, KeywordIntent>();
  for (const word of ALWAYS_STOP) table.set(normaliseKeyword(word), 'stop_all');
  for (const [intent, key] of order) {
    for (const list of lists) {
      for (const word of list[key]) {
        const n = normaliseKeyword(word);
        if (n !== '' && !table.has(n)) table.set(n, intent);
      }
    }
  }
  return {
    classify(text) {
      const n = normaliseKeyword(text);
      if (n === '' || n.length > 60) return null;
      return table.get(n) ?? null;
    },
  };
}
