import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, Store } from '../../../main/store';
import { BACKSTOP_WAL_PAGES, startWalCheckpointer } from '../../../main/store/checkpointer';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const root = join(__dirname, '..', '..', '..');
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/** Writes `n` customers with one message each, in one transaction. */
function writeBatch(store: Store, from: number, n: number): void {
  store.tx(() => {
    for (let i = from; i < from + n; i++) {
      const c = store.contacts.create(`+49151${String(20000000 + i)}`, T0 + i, null);
      const conversationId = store.messages.conversationIdOf(c.id)!;
      store.messages.insert({ conversationId, direction: 'in', type: 'text', body: `Ist mein Auftrag ${i} fertig?`, author: 'customer', status: 'received', createdAt: T0 + i });
    }
  });
}

/**
 * How many messages the database file alone holds: what survives a power cut
 * that takes the unsynced WAL with it. The file is copied without its WAL
 * and shared memory, and the copy opened read-only.
 */
function messagesInFileAlone(dir: string, copyDir: string): number {
  const copy = join(copyDir, `alone-${Math.random().toString(36).slice(2)}.sqlite3`);
  copyFileSync(join(dir, DB_FILE_NAME), copy);
  const db = new Database(copy, { readonly: true });
  try {
    return Number(db.prepare('SELECT count(*) FROM messages').pluck().get());
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('WAL checkpoints in a worker thread (real SQLite file)', () => {
  it('brings committed messages into the database file within its interval, without the main connection checkpointing', async () => {
    const dir = tempDir();
    const copies = tempDir();
    const store = Store.open(dir);
    store.db.pragma('wal_checkpoint(TRUNCATE)');

    // Without the worker, a small batch stays in the WAL: the file alone does not have it.
    writeBatch(store, 0, 200);
    await new Promise((r) => setTimeout(r, 300));
    expect(messagesInFileAlone(dir, copies)).toBe(0);

    const errors: string[] = [];
    const checkpointer = startWalCheckpointer(store.db, { intervalMs: 50, onError: (m) => errors.push(m) });
    expect(checkpointer).toBeDefined();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_WAL_PAGES);
    await until(() => messagesInFileAlone(dir, copies) === 200);

    // Writes go on while the worker copies pages; every batch arrives, the file stays whole.
    for (let b = 1; b <= 10; b++) {
      writeBatch(store, b * 200, 200);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => messagesInFileAlone(dir, copies) === 2_200);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    await checkpointer!.stop();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(errors).toEqual([]);
    store.close();
    // The main connection closed last, so it checkpointed and removed the WAL.
    expect(existsSync(join(dir, `${DB_FILE_NAME}-wal`))).toBe(false);
    const reopened = Store.open(dir);
    expect(reopened.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2_200);
    reopened.close();
  }, 60_000);

  it('stop() holds the process until the worker has closed, although the worker never keeps it alive', async () => {
    // A process whose last work is `await stop()`: with nothing else running, an unreferenced
    // worker would let it end before the worker closed. Built next to the repository so the
    // worker finds better-sqlite3 as in the app.
    const outDir = join(root, 'test-results', 'checkpointer');
    mkdirSync(outDir, { recursive: true });
    const entry = join(outDir, 'stop-entry.ts');
    writeFileSync(
      entry,
      `import { Store } from ${JSON.stringify(join(root, 'main', 'store'))};
       import { startWalCheckpointer } from ${JSON.stringify(join(root, 'main', 'store', 'checkpointer'))};
       const store = Store.open(process.argv[2]!);
       const checkpointer = startWalCheckpointer(store.db, { intervalMs: 20 });
       if (!checkpointer) throw new Error('no worker');
       setTimeout(() => {
         void checkpointer.stop().then(() => {
           store.close();
           console.log('closed');
         });
       }, 200);`,
    );
    const bundle = join(outDir, 'stop.cjs');
    await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], logLevel: 'warning' });
    const dir = tempDir();
    const run = spawnSync(process.execPath, [bundle, dir], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, `${DB_FILE_NAME}-wal`))).toBe(false);
  }, 60_000);

  it('reports a worker that cannot open the file, and the main connection keeps checkpointing by itself', async () => {
    const dir = tempDir();
    const store = Store.open(dir);
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer(store.db, { intervalMs: 50, nativeBinding: join(dir, 'no-such-driver.node'), onError: (m) => errors.push(m) });
    expect(checkpointer).toBeDefined();
    await until(() => errors.some((e) => /stopped/.test(e)));
    expect(errors[0]).toMatch(/could not open the database/);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    await checkpointer!.stop();
    store.close();
  }, 30_000);
});
