import type { KeywordSettings } from '../../api/contract';

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
export function createKeywordMatcher(lists: readonly KeywordSettings[]): KeywordMatcher {
  // Checked in this order: the narrower "STOP NEWSLETTER" must win over "STOP".
  const order: [KeywordIntent, keyof KeywordSettings][] = [
    ['stop_marketing', 'marketingStop'],
    ['stop_all', 'stopAll'],
    ['marketing_opt_in', 'marketingOptIn'],
    ['confirm', 'confirm'],
  ];
  const table = new Map<string, KeywordIntent>();
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
