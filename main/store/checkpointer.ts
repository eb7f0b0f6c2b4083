import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';

/**
 * Checkpoints of the write-ahead log, in a worker thread.
 *
 * With synchronous = NORMAL a commit is written to the WAL but not synced;
 * the checkpoint syncs the WAL, copies its pages into the database file and
 * syncs that. SQLite runs it on the committing connection once the WAL holds
 * 1,000 pages: at catch-up speed after nearly every batch, on the main
 * process's event loop, and there its cost was a third of a batch (about
 * 80 µs per message at a million messages; docs/performance.md).
 *
 * The worker's own connection runs a PASSIVE checkpoint every interval, which
 * never blocks the app's writes. Pages rewritten by several batches within an
 * interval are copied once. And an idle line is synced within the interval
 * too, so a power cut takes back at most a fifth of a second of messages and
 * consent records, where before it could take back up to 1,000 pages' worth.
 * The main connection keeps a larger checkpoint of its own as a backstop, in
 * case the worker falls behind or stops.
 *
 * Under a steady catch-up the WAL never empties between two checkpoints, so
 * it restarts only through the backstop, which runs on the main connection
 * and syncs whatever the worker has not synced yet: every 10,000 pages a
 * batch waited for the disk (162–192 ms against a median of 56–62 with a
 * checkpoint every second). Every 200 ms the backstop finds little left to
 * sync (a batch's worst 125–145 ms, p90 85–92 against 113–123), and a
 * checkpoint with nothing to copy costs no write at all.
 */

/** How often the worker checkpoints (and so the most a power cut can take back). */
export const CHECKPOINT_INTERVAL_MS = 200;
/** The main connection's own automatic checkpoint while the worker runs (pages of 4 KB: about 40 MB). */
export const BACKSTOP_WAL_PAGES = 10_000;
/** SQLite's default, restored when the worker stops. */
const DEFAULT_WAL_PAGES = 1_000;

export interface WalCheckpointer {
  /** Stops the worker and closes its connection; the main connection checkpoints by itself again. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** better_sqlite3.node for this runtime (Electron), as given to the store. */
  nativeBinding?: string;
  intervalMs?: number;
  /** A checkpoint that failed (logged; the next interval tries again). */
  onError?: (message: string) => void;
}

/**
 * Starts the worker for the store's database file. Undefined when no worker
 * can start (an in-memory database, a missing driver): then SQLite's own
 * checkpoint on the main connection stays as it was.
 */
export function startWalCheckpointer(db: Db, options: CheckpointerOptions = {}): WalCheckpointer | undefined {
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return undefined;
  const base = typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
  let modulePath: string;
  let worker: Worker;
  try {
    modulePath = createRequire(base).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath, file: db.name, nativeBinding: options.nativeBinding, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS },
    });
  } catch (err) {
    options.onError?.(`checkpoint worker did not start: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  // Never what keeps the process alive.
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_WAL_PAGES}`);
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_WAL_PAGES}`);
  };
  worker.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && 'error' in m) options.onError?.(String((m as { error: unknown }).error));
  });
  worker.on('error', (err) => options.onError?.(`checkpoint worker failed: ${err.message}`));
  void exited.then(() => {
    if (!stopping) options.onError?.('checkpoint worker stopped; the main connection checkpoints again');
    fallBack();
  });
  return {
    async stop() {
      if (!stopping) {
        stopping = true;
        // Held by the wait: an unreferenced worker alone would let the process end before it closed.
        worker.ref();
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}

/** The worker: its own connection, a PASSIVE checkpoint per interval, errors reported (one per distinct message). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
let timer;
let lastError = '';
const report = (message) => {
  if (message !== lastError) parentPort.postMessage({ error: message });
  lastError = message;
};
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.file, Object.assign({ fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  db.pragma('busy_timeout = 0');
  timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      lastError = '';
    } catch (err) {
      report('checkpoint failed: ' + (err && err.message ? err.message : String(err)));
    }
  }, workerData.intervalMs);
} catch (err) {
  report('checkpoint worker could not open the database: ' + (err && err.message ? err.message : String(err)));
  process.exit(1);
}
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;
