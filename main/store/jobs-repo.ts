import type { Db } from './db';
import { stmt } from './statements';

export interface JobRow {
  id: number;
  key: string;
  kind: string;
  run_at: number;
  payload: string;
  state: 'scheduled' | 'running';
  attempts: number;
  last_error: string | null;
  created_at: number;
}

/** The scheduler's table: one row per pending job, unique by key (core/scheduler runs them). */
export class JobsRepo {
  constructor(private readonly db: Db) {}

  /** Schedules the job, or moves the pending job of the same key to the new time and payload. */
  upsert(j: { key: string; kind: string; runAt: number; payload: string; now: number }): void {
    stmt(this.db,
      `INSERT INTO jobs (key, kind, run_at, payload, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, run_at = excluded.run_at, payload = excluded.payload,
         state = 'scheduled', attempts = 0, last_error = NULL`,
    ).run(j.key, j.kind, j.runAt, j.payload, j.now);
  }

  byKey(key: string): JobRow | undefined {
    return stmt(this.db, 'SELECT * FROM jobs WHERE key = ?').get(key) as JobRow | undefined;
  }

  cancel(key: string): boolean {
    return stmt(this.db, 'DELETE FROM jobs WHERE key = ?').run(key).changes > 0;
  }

  due(now: number, limit: number): JobRow[] {
    return stmt(this.db, `SELECT * FROM jobs WHERE state = 'scheduled' AND run_at <= ? ORDER BY run_at, id LIMIT ?`).all(now, limit) as JobRow[];
  }

  nextRunAt(): number | undefined {
    return (stmt(this.db, `SELECT min(run_at) FROM jobs WHERE state = 'scheduled'`).pluck().get() as number | null) ?? undefined;
  }

  /** Claims a due job; false when another run took it or it was moved meanwhile. */
  claim(id: number, runAt: number): boolean {
    return stmt(this.db, `UPDATE jobs SET state = 'running', attempts = attempts + 1 WHERE id = ? AND state = 'scheduled' AND run_at = ?`).run(id, runAt)
      .changes > 0;
  }

  /** Done: the row goes (unless it was re-scheduled while running, which reset it to 'scheduled'). */
  finish(id: number): void {
    stmt(this.db, `DELETE FROM jobs WHERE id = ? AND state = 'running'`).run(id);
  }

  retryLater(id: number, runAt: number, error: string): void {
    stmt(this.db, `UPDATE jobs SET state = 'scheduled', run_at = ?, last_error = ? WHERE id = ? AND state = 'running'`).run(runAt, error, id);
  }

  /** After a kill, jobs caught mid-run go back to the queue (each handler is idempotent). */
  recoverInterrupted(): number {
    return stmt(this.db, `UPDATE jobs SET state = 'scheduled' WHERE state = 'running'`).run().changes;
  }
}
