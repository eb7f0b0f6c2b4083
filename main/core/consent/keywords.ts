import type { KeywordSettings, Locale } from '../../contract';

/**
 * What a customer's message means for consent:
 * - stop_all: revoke everything (a stop word or phrase in a short message);
 * - stop_marketing: end only news and offers (STOP NEWSLETTER and variants);
 * - stop_review: a longer message mentions a stop word; staff should look;
 * - marketing_opt_in: NEWSLETTER;
 * - confirm: an unambiguous yes;
 * - refuse: a negation — never a grant, whatever the settings say.
 * null: ordinary text.
 */
export type KeywordIntent = 'stop_all' | 'stop_marketing' | 'stop_review' | 'marketing_opt_in' | 'confirm' | 'refuse';

export interface Classified {
  intent: KeywordIntent | null;
  /** The language the words belong to, when they tell (JA → de, YES → en). */
  locale: Locale | null;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Reduces a message to the words that count: NFKC, lower case, German
 * umlaut spellings unified (ä/ae …), emoji and punctuation dropped, spaces
 * collapsed. "STOPP!!", " stopp 🙏 " and "Stopp" all become "stopp".
 */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c]!)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Repeated letters count once ("Jaaa" → "ja", "STOPPP" → "stop"): applied to message and word lists alike. */
const squash = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');

/** The words of a message as the matcher compares them (squashed as a whole: a run of one letter never spans a space). */
export function tokens(text: string): string[] {
  const n = normaliseKeyword(text);
  return n === '' ? [] : squash(n).split(' ');
}

/**
 * A staff start link pre-fills "START A7K": the short code (letter, digit,
 * letter) names the employee and is not part of the customer's answer.
 */
export const STAFF_CODE_TOKEN = /^[a-z][2-9][a-z]$/;
const withoutStaffCode = (t: string[]): string[] => (t.length === 2 && STAFF_CODE_TOKEN.test(t[1]!) ? [t[0]!] : t);

const words = (list: readonly string[]): string[][] => list.map((w) => tokens(w)).filter((t) => t.length > 0);

/**
 * Revocation must work at any time (DSK): these words always revoke,
 * whatever the settings say. ENDE is an everyday word and counts only
 * among greetings and politeness (see ENDE_ONLY).
 */
export const ALWAYS_STOP = ['STOP', 'STOPP', 'ABMELDEN', 'ABBESTELLEN', 'UNSUBSCRIBE'] as const;
/** Stop words that count only when the message holds nothing else but greetings and politeness. */
export const ENDE_ONLY = ['ENDE', 'END'] as const;
/** Phrases that revoke everything wherever they stand in a short message. */
export const STOP_PHRASES = [
  'keine Nachrichten mehr',
  'keine Nachricht mehr',
  'keine Nachrichten',
  'nicht mehr schreiben',
  'nicht mehr anschreiben',
  'nicht mehr kontaktieren',
  'no more messages',
  'stop messaging',
  'do not contact',
  'dont contact',
  'do not write',
  'dont write',
] as const;
/** A stop word together with one of these ends only news and offers. */
const MARKETING_WORDS = ['newsletter', 'news', 'werbung', 'angebote', 'angebot', 'marketing', 'offers', 'neuigkeiten'].map(squash);

/** Words that negate: a message holding one never grants. */
export const NEGATIONS = ['nein', 'nicht', 'nich', 'no', 'not', 'nope', 'kein', 'keine', 'keinen', 'keiner', 'keinesfalls', 'nee', 'noe', 'nie', 'niemals', 'never', 'dont', 'don', 'doesnt'].map(squash);

/** Greetings and politeness: they neither grant nor revoke on their own. */
export const GREETINGS = [
  'hallo', 'hi', 'hey', 'moin', 'servus', 'guten', 'tag', 'morgen', 'abend', 'hello', 'dear', 'gruss', 'gruesse', 'lg', 'vg', 'mfg',
  'bitte', 'danke', 'dankeschoen', 'vielen', 'dank', 'please', 'thanks', 'thank', 'you', 'sehr', 'gerne', 'gern', 'sorry',
].map(squash);

/** Affirmative words and phrases, beside the shop's confirm words; German first, then English. */
const AFFIRM_DE = ['ja', 'jawohl', 'jep', 'einverstanden', 'ich stimme zu', 'stimme zu', 'ich bin einverstanden', 'zustimmen', 'klar', 'na klar', 'natuerlich', 'gerne', 'gern', 'okay', 'ok', 'okey'];
const AFFIRM_EN = ['yes', 'yeah', 'yep', 'yup', 'i agree', 'agree', 'agreed', 'sure', 'of course', 'yes please'];
/** Words that never decide the language on their own. */
const NEUTRAL = new Set(['ok', 'okay', 'okey', 'start'].map(squash));

const POLITE_IN_CONFIRM = ['bitte', 'gerne', 'gern', 'please', 'sehr'].map(squash);
const BLOCKED_IN_CONFIRM = new Set([...NEGATIONS, ...GREETINGS.filter((g) => !POLITE_IN_CONFIRM.includes(g))]);

/** Messages of at most this many words revoke outright; longer ones are flagged for staff. */
export const SHORT_MESSAGE_WORDS = 8;

export interface KeywordMatcher {
  classify(text: string): Classified;
}

/** Finds `phrase` as consecutive words in `t`; returns its start or -1. */
function find(t: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= t.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (t[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * A list of phrases prepared for matching: longest first (strip's order),
 * with the words they start with, so a message holding none of those words
 * is answered without a walk over the list (most messages hold none).
 */
interface Phrases {
  longestFirst: readonly string[][];
  starts: ReadonlySet<string>;
}

function phrases(list: readonly string[][]): Phrases {
  return { longestFirst: [...list].sort((a, b) => b.length - a.length), starts: new Set(list.map((p) => p[0]!)) };
}

const mayHold = (t: readonly string[], p: Phrases) => t.some((w) => p.starts.has(w));

/** Removes every occurrence of the phrases (longest first) and says whether any was found. */
function strip(t: string[], list: Phrases): { rest: string[]; found: string[][] } {
  if (!mayHold(t, list)) return { rest: t, found: [] };
  let rest = [...t];
  const found: string[][] = [];
  for (const p of list.longestFirst) {
    for (let at = find(rest, p); at >= 0; at = find(rest, p)) {
      found.push(p);
      rest = [...rest.slice(0, at), ...rest.slice(at + p.length)];
    }
  }
  return { rest, found };
}

const has = (t: readonly string[], list: readonly string[][]) => list.some((p) => find(t, p) >= 0);
const holds = (t: readonly string[], list: Phrases) => mayHold(t, list) && list.longestFirst.some((p) => find(t, p) >= 0);

/** Why a keyword configuration is refused (field path + German message), or null when it is sound. */
export function keywordProblem(lists: Record<string, KeywordSettings>): { field: string; message: string } | null {
  const seen = new Map<string, string>();
  for (const s of [...ALWAYS_STOP, ...ENDE_ONLY]) seen.set(tokens(s).join(' '), 'stopAll');
  const stopWords = new Set([...ALWAYS_STOP, ...ENDE_ONLY].map((s) => tokens(s).join(' ')));
  const stopPhrases = words(STOP_PHRASES);
  let confirmCount = 0;
  for (const [lang, list] of Object.entries(lists)) {
    for (const key of Object.keys(list) as (keyof KeywordSettings)[]) {
      for (const word of list[key]) {
        const t = tokens(word);
        const n = t.join(' ');
        const field = `keywords.${lang}.${key}`;
        if (n === '') return { field, message: `${field}: „${word}“ enthält keine Buchstaben oder Ziffern.` };
        if (key === 'confirm') {
          confirmCount++;
          if (t.some((w) => NEGATIONS.includes(w))) {
            return { field, message: `${field}: „${word}“ enthält eine Verneinung und kann keine Einwilligung sein.` };
          }
          if (t.some((w) => stopWords.has(w)) || has(t, stopPhrases)) {
            return { field, message: `${field}: „${word}“ enthält ein Stoppwort und kann keine Einwilligung sein.` };
          }
          if (t.some((w) => BLOCKED_IN_CONFIRM.has(w)) || ['test'].includes(n)) {
            return { field, message: `${field}: „${word}“ enthält einen Gruß oder ein Allerweltswort und kann keine Einwilligung sein.` };
          }
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

/**
 * The matcher. Revocation errs toward the customer: a stop word anywhere in
 * a short message revokes. A grant needs the whole message to be a yes
 * (with politeness, emoji, repeated letters). Consent words are matched only
 * like this — never with typo tolerance.
 */
export function createKeywordMatcher(lists: readonly KeywordSettings[], localeOf: readonly Locale[] = ['de', 'en']): KeywordMatcher {
  const stopWords = phrases(words([...ALWAYS_STOP, ...lists.flatMap((l) => l.stopAll)]).filter((p) => !ENDE_ONLY.some((e) => tokens(e).join(' ') === p.join(' '))));
  const endeWords = new Set(ENDE_ONLY.map((e) => tokens(e).join(' ')));
  const stopPhrases = phrases(words(STOP_PHRASES));
  const marketingStop = phrases(words(lists.flatMap((l) => l.marketingStop)));
  const optIn = phrases(words(lists.flatMap((l) => l.marketingOptIn)));
  const affirm: { phrase: string[]; locale: Locale | null }[] = [];
  lists.forEach((l, i) => {
    for (const p of words(l.confirm)) affirm.push({ phrase: p, locale: NEUTRAL.has(p.join(' ')) ? null : (localeOf[i] ?? null) });
  });
  for (const p of words(AFFIRM_DE)) affirm.push({ phrase: p, locale: NEUTRAL.has(p.join(' ')) ? null : 'de' });
  for (const p of words(AFFIRM_EN)) affirm.push({ phrase: p, locale: 'en' });
  const affirmPhrases = phrases(affirm.map((a) => a.phrase));
  const filler = new Set(GREETINGS);
  const negations = new Set(NEGATIONS);
  const marketingWords = new Set(MARKETING_WORDS);

  return {
    classify(text) {
      const none: Classified = { intent: null, locale: null };
      const t = withoutStaffCode(tokens(text));
      if (t.length === 0) return none;
      const short = t.length <= SHORT_MESSAGE_WORDS;

      // 1. Revocation, toward the customer.
      const phrase = holds(t, stopPhrases);
      const stopWord = holds(t, stopWords);
      const endeAlone = t.some((w) => endeWords.has(w)) && t.every((w) => endeWords.has(w) || filler.has(w));
      const marketingOnly = holds(t, marketingStop) || ((stopWord || t.some((w) => negations.has(w))) && t.some((w) => marketingWords.has(w)));
      if (phrase || stopWord || endeAlone) {
        if (!short) return { intent: 'stop_review', locale: null };
        if (marketingOnly && !phrase) return { intent: 'stop_marketing', locale: null };
        return { intent: 'stop_all', locale: null };
      }
      if (short && marketingOnly) return { intent: 'stop_marketing', locale: null };

      // 2. A negation never grants.
      if (t.some((w) => negations.has(w))) return { intent: 'refuse', locale: null };

      // 3. NEWSLETTER (with politeness or a yes around it).
      const o = strip(t, optIn);
      if (o.found.length > 0) {
        const rest = strip(o.rest, affirmPhrases).rest;
        return rest.every((w) => filler.has(w)) ? { intent: 'marketing_opt_in', locale: null } : none;
      }

      // 4. An unambiguous yes: nothing but affirmative words and politeness.
      const a = strip(t, affirmPhrases);
      if (a.found.length > 0 && a.rest.every((w) => filler.has(w))) {
        let locale: Locale | null = null;
        for (const f of a.found) {
          const hit = affirm.find((x) => x.phrase.join(' ') === f.join(' ') && x.locale !== null);
          if (hit) locale = hit.locale;
        }
        if (locale === null && a.rest.some((w) => ['please', 'thanks', 'thank', 'you'].map(squash).includes(w))) locale = 'en';
        if (locale === null && a.rest.some((w) => ['bitte', 'danke', 'gerne', 'gern'].map(squash).includes(w))) locale = 'de';
        return { intent: 'confirm', locale };
      }
      return none;
    },
  };
}

let cached: { lists: object; key: string; matcher: KeywordMatcher } | undefined;

/** The matcher for the shop's current keyword lists (de, en), built again only when the lists change. */
export function matcherFor(kw: { de: KeywordSettings; en: KeywordSettings }): KeywordMatcher {
  // The settings are a cached object: the same object means the same lists, without serialising them per message.
  if (cached?.lists === kw) return cached.matcher;
  const key = JSON.stringify(kw);
  if (cached?.key !== key) cached = { lists: kw, key, matcher: createKeywordMatcher([kw.de, kw.en], ['de', 'en']) };
  else cached.lists = kw;
  return cached.matcher;
}
