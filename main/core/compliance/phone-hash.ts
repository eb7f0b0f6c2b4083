import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SALT_FILE_NAME = 'compliance-salt';

/**
 * The install's secret salt for hashing phone numbers (tombstones, the
 * restore journal). A plain hash of a number is reversed by trying every
 * number; keyed with 32 random bytes that never leave the data folder, it is
 * not. Created on first use, readable by the owner only (0600).
 */
export function loadInstallSalt(dataDir: string): Buffer {
  const file = join(dataDir, SALT_FILE_NAME);
  try {
    const salt = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (salt.length === 32) return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const salt = randomBytes(32);
  try {
    writeFileSync(file, salt.toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another start wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadInstallSalt(dataDir);
    throw err;
  }
  chmodSync(file, 0o600);
  return salt;
}

/** Salted hash of an E.164 number (hex). */
export function phoneHash(salt: Buffer, phone: string): string {
  return createHmac('sha256', salt).update(phone, 'utf8').digest('hex');
}
