import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, migrate, openDatabase } from '../../../main/store';
import { migration001 } from '../../../main/store/migrations/001_foundation';
import { latestVersion, migrations } from '../../../main/store/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('migration 001 (foundation)', () => {
  it('creates the foundation tables and sets user_version 1', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, [migration001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table')`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    for (const t of ['contacts', 'contact_addresses', 'conversations', 'messages', 'messages_fts', 'media', 'outbox', 'consent_events', 'settings']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('keeps messages_fts in step with messages through triggers', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, [migration001]);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    db.prepare(`INSERT INTO conversations (contact_id) VALUES (1)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, direction, type, body, author, status, created_at) VALUES (1, 'in', 'text', ?, 'customer', 'received', 1)`,
    );
    const id = insert.run('Ist mein Fahrrad fertig?').lastInsertRowid;
    const hits = (q: string) => (db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?`).all(q) as unknown[]).length;
    expect(hits('fahrrad')).toBe(1);
    db.prepare(`UPDATE messages SET body = 'Reifen gewechselt' WHERE id = ?`).run(id);
    expect(hits('fahrrad')).toBe(0);
    expect(hits('reifen')).toBe(1);
    db.prepare(`DELETE FROM messages WHERE id = ?`).run(id);
    expect(hits('reifen')).toBe(0);
    db.close();
  });

  it('makes consent_events append-only', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, [migration001]);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    db.prepare(
      `INSERT INTO consent_events (contact_id, purpose, from_state, to_state, trigger_kind, at, prev_hash, hash)
       VALUES (1, 'service', 'none', 'requested', 'message', 1, 'genesis', 'h1')`,
    ).run();
    expect(() => db.prepare(`UPDATE consent_events SET to_state = 'granted'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM consent_events`).run()).toThrow(/append-only/);
    db.close();
  });
});

describe('openDatabase', () => {
  it('creates a WAL database with foreign keys and a busy timeout at the latest version', () => {
    const db = openDatabase(join(tempDir(), 'nested', 'tresen.sqlite3'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    db.close();
  });

  it('is idempotent: reopening runs nothing again and keeps data', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    const db = openDatabase(file);
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', '"v"', 1)`).run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare(`SELECT value FROM settings WHERE key = 'k'`).get()).toEqual({ value: '"v"' });
    again.close();
  });

  it('refuses a database from a newer app version and leaves the file untouched', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x); PRAGMA user_version = 999;');
    raw.close();
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).kind).toBe('too_new');
    expect((error as Error).message).toMatch(/newer Tresen/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a corrupt file and leaves it untouched', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    writeFileSync(file, 'this is not a database, just some text that happens to be here'.repeat(100));
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(sha(file)).toBe(before);
  });

  it('refuses a SQLite file whose pages are damaged and leaves it untouched', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    const db = openDatabase(file);
    db.pragma('journal_mode = DELETE');
    for (let i = 0; i < 200; i++) db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 1)`).run(`k${i}`, 'x'.repeat(200));
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xab, 4096 + 100, 4096 * 3); // scribble over b-tree pages, keep the header
    writeFileSync(file, bytes);
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(sha(file)).toBe(before);
  });

  it('rolls back a migration that fails halfway, keeping the previous version', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    const broken = {
      version: 2,
      name: 'broken',
      up: (d: Database.Database) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(file, { migrations: [migration001, broken] })).toThrow('boom');
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    db.close();
  });
});
