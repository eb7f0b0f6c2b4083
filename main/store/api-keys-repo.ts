import type { Db } from './db';
import { stmt } from './statements';

export interface ApiKeyRow {
  id: number;
  name: string;
  scope: 'integration' | 'manager';
  key_hash: string;
  prefix: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** API keys, stored as the SHA-256 of the key; hashing and checking live in core/api-keys. */
export class ApiKeysRepo {
  constructor(private readonly db: Db) {}

  create(k: { name: string; scope: ApiKeyRow['scope']; keyHash: string; prefix: string; createdBy: string; now: number }): ApiKeyRow {
    const id = Number(
      stmt(this.db, 'INSERT INTO api_keys (name, scope, key_hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
        k.name,
        k.scope,
        k.keyHash,
        k.prefix,
        k.now,
        k.createdBy,
      ).lastInsertRowid,
    );
    return this.byId(id)!;
  }

  byId(id: number): ApiKeyRow | undefined {
    return stmt(this.db, 'SELECT * FROM api_keys WHERE id = ?').get(id) as ApiKeyRow | undefined;
  }

  byHash(hash: string): ApiKeyRow | undefined {
    return stmt(this.db, 'SELECT * FROM api_keys WHERE key_hash = ?').get(hash) as ApiKeyRow | undefined;
  }

  all(): ApiKeyRow[] {
    return stmt(this.db, 'SELECT * FROM api_keys ORDER BY id DESC').all() as ApiKeyRow[];
  }

  revoke(id: number, now: number): void {
    stmt(this.db, 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id);
  }

  touch(id: number, now: number): void {
    stmt(this.db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, id);
  }
}
