import { CASE_STATUSES, type CaseStatus, type CaseType } from '../../contract/cases';

/**
 * The transition tables. Each type has a main path (in order) and
 * alternative ends that branch off it. The rules the shop systems rely on:
 * - forward skips over intermediate stages are allowed (received → ready);
 * - a final stage (collected, refunded, delivered, done) only from its
 *   immediate predecessor;
 * - moving back is a correction and needs a note.
 */
interface TypeTable {
  path: readonly CaseStatus[];
  /** Alternative ends and the statuses they may be reached from. */
  branches: Partial<Record<CaseStatus, readonly CaseStatus[]>>;
  /** Ways out of an alternative end that are not corrections (e.g. a parcel problem resolved). */
  recover?: Partial<Record<CaseStatus, readonly CaseStatus[]>>;
}

export const TABLES: Record<CaseType, TypeTable> = {
  repair: { path: ['received', 'diagnosing', 'waiting_for_parts', 'ready', 'collected'], branches: {} },
  pickup: { path: ['ordered', 'ready', 'collected'], branches: { expired: ['ready'] } },
  parcel: {
    path: ['shipped', 'in_transit', 'out_for_delivery', 'delivered'],
    branches: { problem: ['shipped', 'in_transit', 'out_for_delivery'] },
    recover: { problem: ['in_transit', 'out_for_delivery'] },
  },
  return: { path: ['requested', 'approved', 'received', 'refunded'], branches: { declined: ['requested'] } },
  appointment: {
    path: ['booked', 'confirmed', 'done'],
    branches: { cancelled: ['booked', 'confirmed'], no_show: ['booked', 'confirmed'] },
  },
  complaint: { path: ['open', 'in_progress', 'resolved'], branches: {} },
  order: {
    path: ['requested', 'offered', 'confirmed', 'ready', 'collected'],
    branches: { cancelled: ['requested', 'offered', 'confirmed', 'ready'] },
  },
};

/** Final stages that may only follow their immediate predecessor. */
export const STRICT_FINALS: ReadonlySet<CaseStatus> = new Set(['collected', 'refunded', 'delivered', 'done']);

export const statusesOf = (type: CaseType): readonly CaseStatus[] => CASE_STATUSES[type];
export const isStatusOf = (type: CaseType, status: string): status is CaseStatus =>
  (CASE_STATUSES[type] as readonly string[]).includes(status);
export const firstStatus = (type: CaseType): CaseStatus => TABLES[type].path[0]!;

/** A case is closed at the end of its path or in an alternative end (problem stays open: it needs work). */
export function isClosed(type: CaseType, status: CaseStatus): boolean {
  const t = TABLES[type];
  if (status === t.path[t.path.length - 1]) return true;
  if (type === 'parcel' && status === 'problem') return false;
  return status in t.branches;
}

/** Position on the main path; an alternative end sits where it branches off, one past its latest source. */
function rank(type: CaseType, status: CaseStatus): number {
  const t = TABLES[type];
  const i = t.path.indexOf(status);
  if (i >= 0) return i;
  const from = t.branches[status] ?? [];
  return Math.max(...from.map((s) => t.path.indexOf(s))) + 1;
}

export interface Moves {
  /** Reachable without a note. */
  next: CaseStatus[];
  /** Corrections back to an earlier stage (a note is required). */
  back: CaseStatus[];
}

export function movesFrom(type: CaseType, from: CaseStatus): Moves {
  const t = TABLES[type];
  const next: CaseStatus[] = [];
  const back: CaseStatus[] = [];
  const here = rank(type, from);
  const onPath = t.path.includes(from);
  for (const s of t.path) {
    if (s === from) continue;
    const r = rank(type, s);
    if (onPath && r > here) {
      if (!STRICT_FINALS.has(s) || t.path.indexOf(s) === here + 1) next.push(s);
    } else if (!onPath && (t.recover?.[from] ?? []).includes(s)) {
      next.push(s);
    } else if (r < here) {
      back.push(s);
    }
  }
  for (const [branch, sources] of Object.entries(t.branches) as [CaseStatus, readonly CaseStatus[]][]) {
    if (branch !== from && sources.includes(from)) next.push(branch);
  }
  return { next, back };
}

export type TransitionCheck =
  | { ok: true; correction: boolean }
  | { ok: false; kind: 'unknown_status' | 'not_allowed' | 'note_required'; allowed: CaseStatus[] };

export function checkTransition(type: CaseType, from: CaseStatus, to: string, hasNote: boolean): TransitionCheck {
  const moves = movesFrom(type, from);
  const allowed = hasNote ? [...moves.next, ...moves.back] : moves.next;
  if (!isStatusOf(type, to)) return { ok: false, kind: 'unknown_status', allowed };
  if (moves.next.includes(to)) return { ok: true, correction: false };
  if (moves.back.includes(to)) return hasNote ? { ok: true, correction: true } : { ok: false, kind: 'note_required', allowed };
  return { ok: false, kind: 'not_allowed', allowed };
}
