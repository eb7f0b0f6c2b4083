import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DB_ENTRY } from './archive';

/**
 * Swapping a staged backup in: the current database (with its WAL and shm)
 * and media folder move aside into restore-fallback/, the staged ones move in
 * — renames on one disk, so each step is atomic. The fallback is kept until
 * the restored database has opened (commit), and moved back if it does not
 * (rollback).
 */

export const STAGING_DIR = 'restore-staging';
export const FALLBACK_DIR = 'restore-fallback';
const DB_SIDE_FILES = ['', '-wal', '-shm'];

export interface SwappedRestore {
  /** The restored files opened: the replaced ones can go. */
  commit(): void;
  /** The restored files did not open: put the replaced ones back. */
  rollback(): void;
}

export function swapInStaged(dataDir: string, dbFileName: string, staging: string): SwappedRestore {
  const fallback = join(dataDir, FALLBACK_DIR);
  rmSync(fallback, { recursive: true, force: true });
  mkdirSync(fallback, { recursive: true });
  const moved: string[] = [];
  const move = (name: string) => {
    const from = join(dataDir, name);
    if (!existsSync(from)) return;
    renameSync(from, join(fallback, name));
    moved.push(name);
  };
  const restoredNames = () => [...DB_SIDE_FILES.map((s) => dbFileName + s), 'media'];
  const rollback = () => {
    for (const name of restoredNames()) rmSync(join(dataDir, name), { recursive: true, force: true });
    for (const name of moved) renameSync(join(fallback, name), join(dataDir, name));
    rmSync(fallback, { recursive: true, force: true });
  };
  try {
    for (const suffix of DB_SIDE_FILES) move(dbFileName + suffix);
    move('media');
    renameSync(join(staging, DB_ENTRY), join(dataDir, dbFileName));
    const stagedMedia = join(staging, 'media');
    if (existsSync(stagedMedia)) renameSync(stagedMedia, join(dataDir, 'media'));
    else mkdirSync(join(dataDir, 'media'), { recursive: true });
  } catch (err) {
    rollback();
    throw err;
  }
  return {
    commit() {
      rmSync(fallback, { recursive: true, force: true });
      rmSync(staging, { recursive: true, force: true });
    },
    rollback() {
      rollback();
      rmSync(staging, { recursive: true, force: true });
    },
  };
}
