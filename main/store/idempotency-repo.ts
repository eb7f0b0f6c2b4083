import type { Db } from './db';
import { stmt } from './statements';

export interface IdempotencyRow {
  request_hash: string;
  result: string;
}

/** The first answer per (caller, idempotency key); kept at least a day. */
export class IdempotencyRepo {
  constructor(private readonly db: Db) {}

  get(scope: string, key: string): IdempotencyRow | undefined {
    return stmt(this.db, 'SELECT request_hash, result FROM idempotency_keys WHERE scope = ? AND key = ?').get(scope, key) as
      | IdempotencyRow
      | undefined;
  }

  put(scope: string, key: string, requestHash: string, result: string, now: number): void {
    stmt(this.db, 'INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at) VALUES (?, ?, ?, ?, ?)').run(
      scope,
      key,
      requestHash,
      result,
      now,
    );
  }

  /** Forgets keys recorded before `cutoff`. */
  purgeBefore(cutoff: number): number {
    return stmt(this.db, 'DELETE FROM idempotency_keys WHERE created_at < ?').run(cutoff).changes;
  }
}
