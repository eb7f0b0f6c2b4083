import type { Db } from './db';
import { stmt } from './statements';

/** A typed prefix that starts more index terms than this (a letter or two) stays a prefix query: a long OR would cost more than it saves. */
export const MAX_PREFIX_TERMS = 16;

/** The last phrase of a folded FTS query when it is a prefix: `"abhol"*`. */
const LAST_PREFIX = /"([^"]+)"\*$/;

/**
 * Per connection: the last prefix looked up, with the store's version then.
 * One keystroke asks twice (conversations, then message hits); nothing
 * written in between → the same terms.
 */
const last = new WeakMap<Db, { prefix: string; version: string; terms: string[] }>();

/**
 * The message query with its typed prefix (`"abhol"*`) replaced by the
 * index's terms that start with it (`("abholung" OR "abholungen")`): the
 * same documents. FTS5 answers a prefix by first merging the whole doclist
 * of every term that starts with it, so the newest hit of a common word cost
 * a walk over all its hits (2.6 ms at 250,000 messages, growing with the
 * store), twice per keystroke (the conversation filter and the message
 * hits). An OR of terms is read lazily from the newest end (0.1 ms); finding
 * the terms reads the vocabulary, without merging (0.75 ms).
 */
export function expandLastPrefix(db: Db, query: string): string {
  const m = LAST_PREFIX.exec(query);
  if (!m) return query;
  const terms = termsStartingWith(db, m[1]!);
  if (terms.length === 0 || terms.length > MAX_PREFIX_TERMS) return query;
  // Folded terms hold letters and digits only; quoting keeps them literal all the same.
  const alternatives = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
  const before = query.slice(0, m.index).trim();
  // FTS5 takes no implicit AND in front of a parenthesis.
  return before ? `${before} AND (${alternatives})` : `(${alternatives})`;
}

/**
 * Index terms that start with the prefix, at most MAX_PREFIX_TERMS + 1 (more
 * means: too many). Read one term at a time from the vocabulary's instance
 * view, each a seek to the first term at or after a bound: the first
 * instance of a term is all a seek reads. The row view (one row per term)
 * counts each term's documents before it answers, a walk over every hit of
 * a common word: 6 ms for "grüße" and 19 ms for "Auftrag" at a million
 * messages, against 0.03 ms a term this way.
 */
function termsStartingWith(db: Db, prefix: string): string[] {
  // Writes by this connection (total_changes) or by another one (data_version) make a new answer.
  const version = `${stmt(db, 'SELECT total_changes()').pluck().get() as number}:${stmt(db, 'PRAGMA data_version').pluck().get() as number}`;
  const cached = last.get(db);
  if (cached && cached.prefix === prefix && cached.version === version) return cached.terms;
  // The vocabulary view lives in the connection's temp schema.
  if (!cached) db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_fts_instances USING fts5vocab(main, 'messages_fts', 'instance')`);
  // char(1114111) sorts after every UTF-8 sequence that starts with the prefix. After a term, the next
  // bound is the term followed by \u0001: nothing sorts between them (terms hold letters and digits), and
  // a bound of `>= …` is a seek where `> term` would step through every instance of that term.
  const next = stmt(db, 'SELECT term FROM temp.messages_fts_instances WHERE term >= @from AND term < @p || char(1114111) LIMIT 1').pluck();
  const terms: string[] = [];
  for (let from = prefix; terms.length <= MAX_PREFIX_TERMS; ) {
    const term = next.get({ from, p: prefix }) as string | undefined;
    if (term === undefined) break;
    terms.push(term);
    from = `${term}\u0001`;
  }
  last.set(db, { prefix, version, terms });
  return terms;
}
