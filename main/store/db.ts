import Database from 'better-sqlite3';
import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseOpenError } from './errors';
import { registerSearchFunctions } from './fold';
import { latestVersion, migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

export type Db = Database.Database;

export interface OpenOptions {
  /** better_sqlite3.node built for this runtime (Electron), when not the default. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /**
   * Run PRAGMA quick_check before opening an existing file (default true).
   * The app passes false: on a large file the check would hold up every
   * start, so it runs in a worker after an unclean shutdown instead
   * (core/backup/integrity.ts), and a damaged file is answered with the offer
   * to restore the latest backup.
   */
  quickCheck?: boolean;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Opens (creating if needed) the app database and brings its schema up to date.
 *
 * Before anything writes to an existing file we check, read-only, that it is a
 * SQLite database and not from a newer app version: WAL mode and migrations
 * both modify the file, and a refused file must stay byte-for-byte untouched.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? allMigrations;
  const target = latestVersion(migrations);
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  let existingVersion = 0;
  if (existsSync(file) && statSync(file).size > 0) {
    existingVersion = checkExisting(file, target, driverOptions, options.quickCheck ?? true);
  } else {
    mkdirSync(dirname(file), { recursive: true });
  }

  const db = new Database(file, driverOptions);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Erased and expired messages must really be gone, not linger in free pages.
    db.pragma('secure_delete = ON');
    // Statement journals (every insert fires the summary and search triggers)
    // in memory instead of temp files: 160 → 65 µs per inbound message. The
    // hot queries need no temp b-trees (the plan tests check), so RAM stays small.
    db.pragma('temp_store = MEMORY');
    if (existingVersion > 0 && existingVersion < target) backupBeforeMigration(db, file, existingVersion, target);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Folder next to the database where the copies taken before an upgrade are kept. */
export const BACKUP_DIR = 'backups';

/**
 * A complete, consistent copy of the database before migrations change its
 * schema (SQLite's VACUUM INTO: synchronous, works in WAL mode, never a
 * half-copied file under the final name). Restore: stop Tresen and put the
 * copy in place of tresen.sqlite3 (with a Tresen of that version).
 */
export function backupBeforeMigration(db: Db, file: string, from: number, to: number): string {
  const dir = join(dirname(file), BACKUP_DIR);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `tresen-v${from}-before-v${to}-${stamp}.sqlite3`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

function checkExisting(file: string, target: number, driverOptions: Database.Options, quickCheck: boolean): number {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new DatabaseOpenError('corrupt', `${file} is not a Tresen database (not SQLite). It was left untouched.`, file);
  }
  let probe: Db | undefined;
  try {
    probe = new Database(file, { ...driverOptions, readonly: true, fileMustExist: true });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > target) {
      throw new DatabaseOpenError(
        'too_new',
        `${file} was written by a newer Tresen (schema ${version}, this version knows up to ${target}). ` +
          'Please update Tresen. The database was left untouched.',
        file,
      );
    }
    const check = quickCheck ? probe.pragma('quick_check', { simple: true }) : 'ok';
    if (check !== 'ok') {
      throw new DatabaseOpenError('corrupt', `${file} is damaged (${String(check)}). It was left untouched.`, file);
    }
    return version;
  } catch (err) {
    if (err instanceof DatabaseOpenError) throw err;
    throw new DatabaseOpenError(
      'corrupt',
      `${file} cannot be read as a database (${(err as Error).message}). It was left untouched.`,
      file,
    );
  } finally {
    probe?.close();
  }
}

/** Applies each pending migration in its own transaction and bumps user_version. */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  // The schema's search triggers call these functions: register them on every connection first.
  registerSearchFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  const target = latestVersion(migrations);
  if (current > target) {
    throw new DatabaseOpenError('too_new', `database schema ${current} is newer than this app (${target})`, db.name);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    // Only outside a transaction can foreign keys be switched off (see Migration.rebuildsTables).
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${m.name} left ${broken.length} broken foreign key(s)`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return target;
}
