import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, migrate, openDatabase } from '../../../main/store';
import { BACKUP_DIR } from '../../../main/store/db';
import { latestVersion, migrations } from '../../../main/store/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const latest = latestVersion();

/** A database file at schema `version` holding a customer and a setting. */
function oldDatabase(version: number): string {
  const file = join(tempDir(), 'tresen.sqlite3');
  const db = new Database(file);
  migrate(db, migrations.filter((m) => m.version <= version));
  db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('upgrade.test', '"kept"', 1)`).run();
  db.close();
  return file;
}

describe('upgrading a database', () => {
  for (let version = 1; version < latest; version++) {
    it(`from schema ${version}: data kept, a backup of the old file taken first`, () => {
      const file = oldDatabase(version);
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.prepare('SELECT phone FROM contacts').all()).toEqual([{ phone: '+4915112345678' }]);
      expect(db.prepare(`SELECT value FROM settings WHERE key = 'upgrade.test'`).get()).toEqual({ value: '"kept"' });
      db.close();

      const backups = readdirSync(join(file, '..', BACKUP_DIR));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(new RegExp(`^tresen-v${version}-before-v${latest}-.*\\.sqlite3$`));
      const copy = new Database(join(file, '..', BACKUP_DIR, backups[0]!), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(version);
      expect(copy.prepare('SELECT phone FROM contacts').all()).toEqual([{ phone: '+4915112345678' }]);
      copy.close();
    });
  }

  it('a database already up to date, or a new one, is not copied', () => {
    const dir = tempDir();
    openDatabase(join(dir, 'tresen.sqlite3')).close();
    openDatabase(join(dir, 'tresen.sqlite3')).close();
    expect(readdirSync(dir)).not.toContain(BACKUP_DIR);
  });

  it('a database from a newer Tresen is refused with a clear message and left byte for byte', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    const db = new Database(file);
    migrate(db);
    db.pragma(`user_version = ${latest + 1}`);
    db.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/newer Tresen.*Please update Tresen/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
