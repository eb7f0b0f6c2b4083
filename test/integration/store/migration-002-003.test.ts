import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { migration001 } from '../../../main/store/migrations/001_foundation';
import { migration002 } from '../../../main/store/migrations/002_consent';
import { migration003 } from '../../../main/store/migrations/003_whatsapp';
import { migrations } from '../../../main/store/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);

describe('migration 002 (consent texts)', () => {
  it('upgrades a version-1 database with data, and keeps every template version immutable', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, [migration001]);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    migrate(db, [migration001, migration002]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT phone FROM contacts').get()).toEqual({ phone: '+4915112345678' });
    expect(tables(db)).toContain('consent_templates');
    db.prepare(
      `INSERT INTO consent_templates (key, locale, version, text, sha256, created_at) VALUES ('consent_request', 'de', 1, 'Text', 'h', 1)`,
    ).run();
    expect(() => db.prepare(`UPDATE consent_templates SET text = 'anders'`).run()).toThrow(/keeps every version/);
    expect(() => db.prepare(`DELETE FROM consent_templates`).run()).toThrow(/keeps every version/);
    expect(() =>
      db
        .prepare(`INSERT INTO consent_templates (key, locale, version, text, sha256, created_at) VALUES ('consent_request', 'de', 1, 'x', 'h', 1)`)
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('migration 003 (WhatsApp bookkeeping)', () => {
  it('upgrades a version-2 database and adds the checkpoint, send and media-retry tables', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, [migration001, migration002]);
    migrate(db, [migration001, migration002, migration003]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    for (const t of ['wa_sync_state', 'wa_sent', 'wa_media_retry']) expect(tables(db)).toContain(t);
    db.prepare(`INSERT INTO wa_sent (idempotency_key, chat_id, body, started_at) VALUES ('k', 'c', 'b', 1)`).run();
    expect(() =>
      db.prepare(`INSERT INTO wa_sent (idempotency_key, chat_id, body, started_at) VALUES ('k', 'c', 'b', 2)`).run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('is in the app’s migration list, which is numbered without gaps', () => {
    expect(migrations.map((m) => m.version).slice(0, 3)).toEqual([1, 2, 3]);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});
