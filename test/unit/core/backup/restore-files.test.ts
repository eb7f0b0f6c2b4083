import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FALLBACK_DIR, swapInStaged } from '../../../../main/core/backup';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

function layout() {
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'tresen.sqlite3'), 'current db');
  writeFileSync(join(dataDir, 'tresen.sqlite3-wal'), 'current wal');
  mkdirSync(join(dataDir, 'media'));
  writeFileSync(join(dataDir, 'media', 'a'.repeat(64)), 'current photo');
  const staging = join(dataDir, 'restore-staging');
  mkdirSync(join(staging, 'media'), { recursive: true });
  writeFileSync(join(staging, 'tresen.sqlite3'), 'backup db');
  writeFileSync(join(staging, 'media', 'b'.repeat(64)), 'backup photo');
  return { dataDir, staging };
}

describe('swapping a staged backup in', () => {
  it('moves the backup in and keeps the replaced files until commit', () => {
    const { dataDir, staging } = layout();
    const swap = swapInStaged(dataDir, 'tresen.sqlite3', staging);
    expect(readFileSync(join(dataDir, 'tresen.sqlite3'), 'utf8')).toBe('backup db');
    // The old WAL must not be replayed into the restored database.
    expect(existsSync(join(dataDir, 'tresen.sqlite3-wal'))).toBe(false);
    expect(readFileSync(join(dataDir, 'media', 'b'.repeat(64)), 'utf8')).toBe('backup photo');
    expect(existsSync(join(dataDir, 'media', 'a'.repeat(64)))).toBe(false);
    expect(readFileSync(join(dataDir, FALLBACK_DIR, 'tresen.sqlite3'), 'utf8')).toBe('current db');
    swap.commit();
    expect(existsSync(join(dataDir, FALLBACK_DIR))).toBe(false);
    expect(existsSync(staging)).toBe(false);
  });

  it('puts everything back on rollback (the restored database did not open)', () => {
    const { dataDir, staging } = layout();
    swapInStaged(dataDir, 'tresen.sqlite3', staging).rollback();
    expect(readFileSync(join(dataDir, 'tresen.sqlite3'), 'utf8')).toBe('current db');
    expect(readFileSync(join(dataDir, 'tresen.sqlite3-wal'), 'utf8')).toBe('current wal');
    expect(readFileSync(join(dataDir, 'media', 'a'.repeat(64)), 'utf8')).toBe('current photo');
    expect(existsSync(join(dataDir, 'media', 'b'.repeat(64)))).toBe(false);
    expect(existsSync(join(dataDir, FALLBACK_DIR))).toBe(false);
  });

  it('changes nothing when the staged backup is incomplete', () => {
    const { dataDir, staging } = layout();
    rmSync(join(staging, 'tresen.sqlite3'));
    expect(() => swapInStaged(dataDir, 'tresen.sqlite3', staging)).toThrow();
    expect(readFileSync(join(dataDir, 'tresen.sqlite3'), 'utf8')).toBe('current db');
    expect(readFileSync(join(dataDir, 'media', 'a'.repeat(64)), 'utf8')).toBe('current photo');
  });
});
