import { distance } from 'fastest-levenshtein';
import type { BotRule } from '../../contract';
import { normaliseKeyword } from '../consent/keywords';

/**
 * Tolerant matching of customer questions: case, umlaut spellings (ä/ae),
 * punctuation and word order do not matter, and a word of five letters or
 * more may be off by one letter ("Öfnungszeiten", "Parkplaz"). Shorter words
 * must match exactly, so "da" never becomes "ja" nor "shop" "stop".
 */

export const words = (text: string): string[] => normaliseKeyword(text).split(' ').filter(Boolean);

/** One word against another: equal, or one edit apart when both are long enough to tell. */
export function wordMatches(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (expected.length < 5 || actual.length < 5) return false;
  // Compound words: "parkplatz" is found in "parkplatzsuche".
  if (expected.length >= 5 && actual.startsWith(expected)) return true;
  return distance(expected, actual) <= 1;
}

/** Every word of the phrase appears in the text, in any order. */
export function phraseMatches(phrase: string, textWords: readonly string[]): boolean {
  const need = words(phrase);
  if (need.length === 0) return false;
  return need.every((w) => textWords.some((t) => wordMatches(w, t)));
}

export interface RuleMatch {
  rule: BotRule;
  /** Words of the phrase that matched: the longest phrase wins. */
  weight: number;
}

/** The best enabled rule for a text, or null. */
export function matchRule(text: string, rules: readonly BotRule[]): RuleMatch | null {
  const textWords = words(text);
  if (textWords.length === 0) return null;
  let best: RuleMatch | null = null;
  for (const rule of rules) {
    if (!rule.enabled) continue;
    for (const phrase of rule.phrases) {
      if (!phraseMatches(phrase, textWords)) continue;
      const weight = words(phrase).join(' ').length;
      if (!best || weight > best.weight) best = { rule, weight };
    }
  }
  return best;
}

/** Any of the hand-over words as a word of the text ("Mitarbeiter bitte"). */
export function wantsPerson(text: string, handoverWords: readonly string[]): boolean {
  const textWords = words(text);
  return handoverWords.some((w) => phraseMatches(w, textWords));
}
