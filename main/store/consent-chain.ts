import { createHash } from 'node:crypto';

/** prev_hash of the very first consent event. */
export const GENESIS_HASH = 'tresen-consent-chain-genesis-v1';

export interface ChainFields {
  contact_id: number;
  purpose: string;
  from_state: string;
  to_state: string;
  trigger_kind: string;
  trigger_ref: string | null;
  policy_version: number | null;
  policy_hash: string | null;
  at: number;
  prev_hash: string;
}

export interface ChainRow extends ChainFields {
  id: number;
  hash: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Canonical form: a fixed-order JSON array, so the hash never depends on key order. */
export function eventHash(e: ChainFields): string {
  return sha256Hex(
    JSON.stringify([
      e.contact_id,
      e.purpose,
      e.from_state,
      e.to_state,
      e.trigger_kind,
      e.trigger_ref,
      e.policy_version,
      e.policy_hash,
      e.at,
      e.prev_hash,
    ]),
  );
}

export interface ChainHead {
  count: number;
  lastId: number;
  hash: string;
}

export interface ChainProblem {
  eventId: number | null;
  problem: string;
}

/**
 * Re-computes the one global chain (id order). An edited event no longer
 * matches its hash; a deleted or reordered one breaks the next prev_hash or
 * leaves an id gap; the recorded head catches a deleted or altered last event.
 */
export function verifyChain(rows: readonly ChainRow[], head: ChainHead | undefined): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS_HASH;
  let prevId = 0;
  for (const row of rows) {
    if (row.id !== prevId + 1) {
      problems.push({ eventId: row.id, problem: `Ereignis(se) ${prevId + 1}–${row.id - 1} fehlen (gelöscht).` });
    }
    if (row.prev_hash !== prev) {
      problems.push({ eventId: row.id, problem: 'Verkettung gebrochen: ein vorheriges Ereignis wurde gelöscht, verschoben oder geändert.' });
    }
    if (eventHash(row) !== row.hash) {
      problems.push({ eventId: row.id, problem: 'Ereignis wurde nachträglich geändert (Hash stimmt nicht).' });
    }
    prev = row.hash;
    prevId = row.id;
  }
  const count = rows.length;
  if (head) {
    if (head.count !== count || head.lastId !== prevId || head.hash !== prev) {
      problems.push({
        eventId: null,
        problem: `Ende der Kette stimmt nicht: erwartet ${head.count} Ereignisse bis Nr. ${head.lastId}, gefunden ${count} bis Nr. ${prevId}.`,
      });
    }
  } else if (count > 0) {
    problems.push({ eventId: null, problem: 'Der Kettenkopf fehlt.' });
  }
  return problems;
}
