import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyScope, ApiKeyView } from '../contract';
import { ApiError } from '../contract/errors';
import type { Clock } from '../runtime';
import type { Store } from '../store';
import type { ApiKeyRow } from '../store/api-keys-repo';
import type { ApiCaller } from './session';

/** Every key starts with this, so a leaked one is easy to recognise (and to grep for). */
export const API_KEY_PREFIX = 'tresen_';
/** How often last-used is written at most per key (a busy shop system calls many times a minute). */
const TOUCH_EVERY_MS = 60_000;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toApiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

/**
 * API keys for shop systems: 32 random bytes, shown once, kept only as their
 * SHA-256 (a random 256-bit key needs no slow hash), revocable, with the
 * time of last use.
 */
export class ApiKeys {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  create(p: { name: string; scope: ApiKeyScope; createdBy: string }): { row: ApiKeyRow; key: string } {
    const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const row = this.store.apiKeys.create({
      name: p.name,
      scope: p.scope,
      keyHash: hashApiKey(key),
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      createdBy: p.createdBy,
      now: this.clock.now(),
    });
    return { row, key };
  }

  list(): ApiKeyView[] {
    return this.store.apiKeys.all().map(toApiKeyView);
  }

  revoke(id: number): ApiKeyView {
    const row = this.store.apiKeys.byId(id);
    if (!row) throw new ApiError('not_found', 'no such API key', { field: 'id' });
    this.store.apiKeys.revoke(id, this.clock.now());
    return toApiKeyView(this.store.apiKeys.byId(id)!);
  }

  /** False once a key is revoked (an open WebSocket of that key is closed on its next frame). */
  isActive(id: number): boolean {
    const row = this.store.apiKeys.byId(id);
    return row !== undefined && row.revoked_at === null;
  }

  /** The caller a presented key stands for; undefined for an unknown or revoked key. Notes the time of use. */
  verify(presented: string): ApiCaller | undefined {
    if (!presented.startsWith(API_KEY_PREFIX) || presented.length > 200) return undefined;
    const row = this.store.apiKeys.byHash(hashApiKey(presented));
    if (!row || row.revoked_at !== null) return undefined;
    const now = this.clock.now();
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS) this.store.apiKeys.touch(row.id, now);
    return { kind: 'key', keyId: row.id, name: row.name, scope: row.scope };
  }
}
