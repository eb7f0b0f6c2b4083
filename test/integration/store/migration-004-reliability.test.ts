import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { migrations } from '../../../main/store/migrations';
import { migration004 } from '../../../main/store/migrations/004_reliability';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('migration 004 (reliability bookkeeping)', () => {
  it('upgrades the previous version with data and adds idempotency keys, simulated phones, their files and delivered keys', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    const before = migrations.filter((m) => m.version < migration004.version);
    migrate(db, before);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    migrate(db, [...before, migration004]);
    expect(db.pragma('user_version', { simple: true })).toBe(migration004.version);
    expect(db.prepare('SELECT phone FROM contacts').get()).toEqual({ phone: '+4915112345678' });
    db.prepare(`INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at) VALUES ('local', 'k', 'h', '{}', 1)`).run();
    expect(() =>
      db.prepare(`INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at) VALUES ('local', 'k', 'h2', '{}', 2)`).run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    // The same key under another caller is another key.
    db.prepare(`INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at) VALUES ('key:1', 'k', 'h', '{}', 1)`).run();
    db.prepare(`INSERT INTO sim_sent_keys (idempotency_key, external_id) VALUES ('a', 'x')`).run();
    expect(() => db.prepare(`INSERT INTO sim_sent_keys (idempotency_key, external_id) VALUES ('a', 'y')`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.prepare(`INSERT INTO sim_phone_messages (phone, item) VALUES ('+49', 'not json')`).run(),
    ).toThrow(/CHECK/);
    db.prepare(`INSERT INTO sim_files (id, mime, file_name, data) VALUES ('f', 'image/png', NULL, x'89504e47')`).run();
    expect(db.prepare(`SELECT length(data) AS n FROM sim_files WHERE id = 'f'`).get()).toEqual({ n: 4 });
    db.close();
  });

  it('is in the app’s migration list', () => {
    expect(migrations).toContain(migration004);
  });
});
