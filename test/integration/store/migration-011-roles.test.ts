import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { AccessLogRepo } from '../../../main/store/access-log-repo';
import { ApiKeysRepo } from '../../../main/store/api-keys-repo';
import { migrations } from '../../../main/store/migrations';
import { migration011 } from '../../../main/store/migrations/011_roles';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration011.version);
const upTo = migrations.filter((m) => m.version <= migration011.version);

describe('migration (roles: API keys and access log)', () => {
  it('upgrades a database of the previous version with data and adds the tables', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    migrate(db, upTo);
    expect(db.pragma('user_version', { simple: true })).toBe(migration011.version);
    expect(db.prepare('SELECT phone FROM contacts').get()).toEqual({ phone: '+4915112345678' });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['api_keys', 'access_log']) expect(tables).toContain(t);
    db.close();
  });

  it('a key hash exists once, the scope is integration or manager; log entries page newest first and outlive their contact', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo);
    const keys = new ApiKeysRepo(db);
    const k = keys.create({ name: 'Kasse', scope: 'integration', keyHash: 'h1', prefix: 'tresen_abc', createdBy: 'Inhaber', now: 1 });
    expect(() => keys.create({ name: 'B', scope: 'manager', keyHash: 'h1', prefix: 'p', createdBy: 'x', now: 2 })).toThrow(/UNIQUE/);
    expect(() => keys.create({ name: 'B', scope: 'root' as never, keyHash: 'h2', prefix: 'p', createdBy: 'x', now: 2 })).toThrow(/CHECK/);
    keys.revoke(k.id, 5);
    keys.revoke(k.id, 9);
    expect(keys.byHash('h1')!.revoked_at).toBe(5);

    const contactId = Number(db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run().lastInsertRowid);
    const log = new AccessLogRepo(db);
    for (let i = 1; i <= 5; i++) {
      log.add({ at: i, actor_kind: 'profile', actor_id: 1, actor_name: 'Inhaber', action: 'consent.history', contact_id: contactId, outcome: 'ok' });
    }
    expect(() => log.add({ at: 6, actor_kind: 'root' as never, actor_id: null, actor_name: null, action: 'x', contact_id: null, outcome: 'ok' })).toThrow(/CHECK/);
    const first = log.page(null, 2);
    expect(first.map((r) => r.at)).toEqual([5, 4]);
    expect(log.page(first[1]!.id, 10).map((r) => r.at)).toEqual([3, 2, 1]);
    // Erasing the person leaves the entries (they hold only the id).
    db.prepare('DELETE FROM contacts WHERE id = ?').run(contactId);
    expect(log.page(null, 10)).toHaveLength(5);
    db.close();
  });
});
