import type { Database } from 'better-sqlite3';

/**
 * Search folding, the same on both sides of every match (index and query):
 * lower case, ß → ss, umlauts and their two-letter spellings to the base
 * vowel (ä/ae → a, ö/oe → o, ü/ue → u), other diacritics removed. So
 * "Müller", "Mueller" and "Muller" all become "muller", "Straße" and
 * "Strasse" both "strasse".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[äæ]/g, 'a')
    .replace(/[öø]/g, 'o')
    .replace(/ü/g, 'u')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u');
}

/**
 * The forms under which a stored E.164 number is found: all digits
 * ("4915112345678"), and for German numbers the national form with 0
 * ("015112345678") and without ("15112345678"). A typed number is reduced
 * to digits (see phoneQueryDigits) and matched as a prefix of one of these.
 */
export function phoneTokens(phone: string | null): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  const forms = [digits];
  if (digits.startsWith('49') && digits.length > 4) forms.push(`0${digits.slice(2)}`, digits.slice(2));
  return forms.join(' ');
}

/**
 * Digits to look up when a query looks like a phone number (at least 3
 * digits, only digits, spaces, + / ( ) - .), else undefined. "0049 151…" and
 * "+49 151…" become "49151…"; "0151/123…" stays "0151123…" (matches the
 * national form).
 */
export function phoneQueryDigits(query: string): string | undefined {
  const q = query.trim();
  if (!/^[\d\s+/().-]+$/.test(q)) return undefined;
  let digits = q.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  return digits.length >= 3 ? digits : undefined;
}

/** Folded text for the contact index: names and every number form. */
export function contactSearchText(name: string | null, pushName: string | null, phone: string | null): string {
  return [foldText(name ?? ''), foldText(pushName ?? ''), phoneTokens(phone)].filter((s) => s.length > 0).join(' ');
}

/**
 * A safe FTS5 prefix query from free text: folded words, each quoted
 * ("fahr rad" → "fahr"* "rad"*); '' when nothing searchable is left.
 * `last`: only the word being typed is a prefix, the ones before it are
 * finished words ("auftrag" "6567"*). For message text: a prefix makes FTS5
 * merge the whole doclist of every term that starts with it, so a common
 * finished word ("Auftrag 65675") cost 40 ms at 200,000 messages as a prefix
 * and under 1 ms as a term. Names keep every word a prefix (a small index).
 */
export function toFoldedFtsQuery(text: string, prefix: 'every' | 'last' = 'every'): string {
  const words = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  const typing = /[\p{L}\p{N}]$/u.test(text.trim());
  return words.map((w, i) => (prefix === 'every' || (i === words.length - 1 && typing) ? `"${w}"*` : `"${w}"`)).join(' ');
}

/** Per connection: whether new messages' search entries are held back for now (see holdMessageIndex). */
const indexHeld = new WeakMap<Database, { held: boolean }>();

/**
 * Holds back the message insert trigger's search entry on this connection
 * (its WHEN asks `tresen_index_held()`) until `release()`; the caller writes
 * the held entries itself. See MessagesRepo.insertsIndexedAtEnd.
 */
export function holdMessageIndex(db: Database): { release: () => void } {
  const state = indexHeld.get(db);
  if (!state) throw new Error('search functions are not registered on this connection');
  if (state.held) throw new Error('the message index is already held on this connection');
  state.held = true;
  return { release: () => void (state.held = false) };
}

/** SQL functions the schema's triggers call; registered on every connection before migrations run. */
export function registerSearchFunctions(db: Database): void {
  const state = indexHeld.get(db) ?? { held: false };
  indexHeld.set(db, state);
  db.function('tresen_index_held', { deterministic: false }, () => (state.held ? 1 : 0));
  db.function('tresen_fold', { deterministic: true }, (text: unknown) => foldText(typeof text === 'string' ? text : ''));
  db.function('tresen_contact_text', { deterministic: true }, (name: unknown, pushName: unknown, phone: unknown) =>
    contactSearchText(
      typeof name === 'string' ? name : null,
      typeof pushName === 'string' ? pushName : null,
      typeof phone === 'string' ? phone : null,
    ),
  );
}
