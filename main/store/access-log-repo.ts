import type { Db } from './db';
import { stmt } from './statements';

export interface AccessLogRow {
  id: number;
  at: number;
  actor_kind: 'profile' | 'key' | 'operator' | 'app' | 'none';
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  contact_id: number | null;
  outcome: string;
}

/** The access log: append-only from the app's side; read newest first by id (keyset). */
export class AccessLogRepo {
  constructor(private readonly db: Db) {}

  add(e: Omit<AccessLogRow, 'id'>): number {
    return Number(
      stmt(this.db, 'INSERT INTO access_log (at, actor_kind, actor_id, actor_name, action, contact_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        e.at,
        e.actor_kind,
        e.actor_id,
        e.actor_name,
        e.action,
        e.contact_id,
        e.outcome,
      ).lastInsertRowid,
    );
  }

  /** Entries with an id below `beforeId` (all when null), newest first. */
  page(beforeId: number | null, limit: number): AccessLogRow[] {
    return stmt(this.db, 'SELECT * FROM access_log WHERE id < ? ORDER BY id DESC LIMIT ?').all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AccessLogRow[];
  }
}
