import type { Purpose } from '../contract';
import type { Db } from './db';
import { stmt } from './statements';

export type ReviewSource = 'customer' | 'import' | 'staff';

export interface ReviewFilter {
  purpose: Purpose;
  /** ms; events recorded from then on. */
  since: number;
  source: ReviewSource | null;
  /** Keyset position after which to continue: [at, eventId] of the last row. */
  after: [number, number] | null;
  limit: number;
}

export interface ReviewRow {
  event_id: number;
  contact_id: number;
  to_state: 'granted' | 'revoked';
  trigger_kind: string;
  at: number;
  phone: string;
  name: string | null;
  push_name: string | null;
}

/** The contact's latest event of the purpose (its current state). */
const LATEST = `e.id = (SELECT max(x.id) FROM consent_events x WHERE x.contact_id = e.contact_id AND x.purpose = e.purpose)`;
/** Source of a current state: the customer's own message, an import, or a revocation staff recorded. */
const SOURCE = `CASE @source
    WHEN 'staff' THEN e.to_state = 'revoked' AND e.trigger_kind = 'staff'
    WHEN 'import' THEN e.to_state = 'granted' AND e.trigger_kind = 'import'
    WHEN 'customer' THEN e.to_state = 'granted' AND e.trigger_kind NOT IN ('import', 'staff')
    ELSE e.to_state = 'granted' END`;

export const REVIEW_SQL = {
  page: `SELECT e.id AS event_id, e.contact_id, e.to_state, e.trigger_kind, e.at, c.phone, c.name, c.push_name
    FROM consent_events e JOIN contacts c ON c.id = e.contact_id
    WHERE e.purpose = @purpose AND e.at >= @since AND (@afterAt IS NULL OR (e.at, e.id) < (@afterAt, @afterId))
      AND ${LATEST} AND ${SOURCE}
    ORDER BY e.at DESC, e.id DESC LIMIT @limit`,
  counts: `SELECT
      coalesce(sum(e.to_state = 'granted'), 0) AS all_,
      coalesce(sum(e.to_state = 'granted' AND e.trigger_kind NOT IN ('import', 'staff')), 0) AS customer,
      coalesce(sum(e.to_state = 'granted' AND e.trigger_kind = 'import'), 0) AS import,
      coalesce(sum(e.to_state = 'revoked' AND e.trigger_kind = 'staff'), 0) AS staff
    FROM consent_events e WHERE e.purpose = @purpose AND e.at >= @since AND ${LATEST}`,
} as const;

/** The manager's review of who consented, by purpose, date and source (keyset pages, newest first). */
export class ConsentReviewRepo {
  constructor(private readonly db: Db) {}

  page(f: ReviewFilter): ReviewRow[] {
    return stmt(this.db, REVIEW_SQL.page).all({
      purpose: f.purpose,
      since: f.since,
      source: f.source,
      afterAt: f.after?.[0] ?? null,
      afterId: f.after?.[1] ?? null,
      limit: f.limit,
    }) as ReviewRow[];
  }

  counts(purpose: Purpose, since: number): { all: number; customer: number; import: number; staff: number } {
    const r = stmt(this.db, REVIEW_SQL.counts).get({ purpose, since }) as { all_: number; customer: number; import: number; staff: number };
    return { all: r.all_, customer: r.customer, import: r.import, staff: r.staff };
  }
}
