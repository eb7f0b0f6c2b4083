import { createHash } from 'node:crypto';
import { ApiError } from '../contract/errors';
import type { Clock } from '../runtime';
import type { Store } from '../store';

/** Keys are kept at least this long (the contract promises 24 h; two days leave room). */
export const IDEMPOTENCY_RETENTION_MS = 48 * 60 * 60 * 1000;

/** The same JSON for the same value whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestHash = (operation: string, body: unknown): string =>
  createHash('sha256').update(`${operation}\n${canonical(body)}`).digest('hex');

/**
 * Outbound entry points run through here with the caller's key: the first
 * call does the work and its answer is stored in the same transaction; a
 * repeat returns that answer and does nothing; the same key with another
 * body is refused (idempotency_mismatch).
 */
export class Idempotency {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The stored answer for this key, or undefined when the key is new. Throws on a different body. */
  replay<T>(scope: string, key: string, hash: string): T | undefined {
    const row = this.store.idempotency.get(scope, key);
    if (!row) return undefined;
    if (row.request_hash !== hash) {
      throw new ApiError('idempotency_mismatch', 'this Idempotency-Key was used with a different request', {
        field: 'idempotencyKey',
      });
    }
    return JSON.parse(row.result) as T;
  }

  /**
   * Runs `work` (synchronous: it must only write to the store) unless the key
   * was seen; records its answer in the same transaction.
   */
  run<T>(scope: string, key: string | undefined, operation: string, body: unknown, work: () => T): T {
    if (key === undefined) return work();
    const hash = requestHash(operation, body);
    return this.store.tx(() => {
      const earlier = this.replay<T>(scope, key, hash);
      if (earlier !== undefined) return earlier;
      const result = work();
      const now = this.clock.now();
      this.store.idempotency.put(scope, key, hash, JSON.stringify(result), now);
      this.store.idempotency.purgeBefore(now - IDEMPOTENCY_RETENTION_MS);
      return result;
    });
  }
}
