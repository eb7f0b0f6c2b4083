import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';
import { stmt } from './statements';

export interface BackupRow {
  id: number;
  name: string;
  folder: string;
  size: number;
  created_at: number;
  trigger: 'scheduled' | 'manual';
  contacts: number;
  messages: number;
  media: number;
}

export interface BackupCounts {
  contacts: number;
  messages: number;
  media: number;
}

/** The backups made from this database (the archives live in the shop's folder). */
export class BackupsRepo {
  constructor(private readonly db: Db) {}

  add(b: Omit<BackupRow, 'id'>): number {
    return Number(
      stmt(this.db,
        `INSERT INTO backups (name, folder, size, created_at, trigger, contacts, messages, media) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(folder, name) DO UPDATE SET size = excluded.size RETURNING id`,
      ).pluck().get(b.name, b.folder, b.size, b.created_at, b.trigger, b.contacts, b.messages, b.media),
    );
  }

  list(): BackupRow[] {
    return stmt(this.db, 'SELECT * FROM backups ORDER BY created_at DESC, id DESC').all() as BackupRow[];
  }

  byId(id: number): BackupRow | undefined {
    return stmt(this.db, 'SELECT * FROM backups WHERE id = ?').get(id) as BackupRow | undefined;
  }

  remove(id: number): void {
    stmt(this.db, 'DELETE FROM backups WHERE id = ?').run(id);
  }

  /** What a backup of this database holds right now. */
  counts(): BackupCounts {
    return countsOf(this.db);
  }
}

export function countsOf(db: Db): BackupCounts {
  const one = (sql: string) => Number(stmt(db, sql).pluck().get());
  return {
    contacts: one('SELECT count(*) FROM contacts'),
    messages: one('SELECT count(*) FROM messages'),
    media: one('SELECT count(*) FROM media'),
  };
}

/** Opens a database file read-only (a backup's snapshot, a file to check). */
export function openReadOnly(file: string, nativeBinding?: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

/** The counts in a database file (a backup's snapshot) without changing it. */
export function countsInFile(file: string, nativeBinding?: string): BackupCounts {
  const db = openReadOnly(file, nativeBinding);
  try {
    return countsOf(db);
  } finally {
    db.close();
  }
}

/** PRAGMA quick_check on a file: 'ok', or what SQLite found wrong. Never writes. */
export function quickCheckFile(file: string, nativeBinding?: string): string {
  let db: Db | undefined;
  try {
    db = openReadOnly(file, nativeBinding);
    const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
    const found = rows.map((r) => r.quick_check);
    return found.length === 1 && found[0] === 'ok' ? 'ok' : found.join('; ');
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db?.close();
  }
}

/** An online copy of the open database (better-sqlite3's backup API: pages copied while the app keeps writing). */
export async function snapshotTo(db: Db, file: string): Promise<void> {
  await db.backup(file);
}

/**
 * quick_check in a worker thread, so a large file never blocks the app's
 * event loop. Falls back to the calling thread when a worker cannot start
 * (then it runs after the current turn, still off the start path).
 */
export function quickCheckInWorker(file: string, nativeBinding?: string): Promise<string> {
  const base = typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
  let modulePath: string;
  try {
    modulePath = createRequire(base).resolve('better-sqlite3');
  } catch {
    return new Promise((resolve) => setImmediate(() => resolve(quickCheckFile(file, nativeBinding))));
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: string) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, file, nativeBinding } });
    } catch {
      setImmediate(() => done(quickCheckFile(file, nativeBinding)));
      return;
    }
    worker.once('message', (m: unknown) => done(String(m)));
    worker.once('error', () => done(quickCheckFile(file, nativeBinding)));
    worker.once('exit', () => done(quickCheckFile(file, nativeBinding)));
  });
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let result;
let db;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  const rows = db.pragma('quick_check(20)').map((r) => r.quick_check);
  result = rows.length === 1 && rows[0] === 'ok' ? 'ok' : rows.join('; ');
} catch (err) {
  result = err && err.message ? err.message : String(err);
} finally {
  try { if (db) db.close(); } catch {}
}
parentPort.postMessage(result);
`;
