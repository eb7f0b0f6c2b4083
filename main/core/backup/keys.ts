import { createHmac, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The backup key. It is derived with scrypt from a recovery passphrase that
 * is shown once when backups are first enabled; the salt travels in every
 * archive's header, so on a new PC the passphrase alone re-derives the key.
 * On this PC the key is kept by a KeyVault: wrapped by the OS (Electron's
 * safeStorage, main/shell) or a 0600 key file (serve mode).
 */

export const KEY_BYTES = 32;
export const SALT_BYTES = 16;
export const CHECK_BYTES = 16;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Where the wrapped key is kept; load() is null when there is none yet. */
export interface KeyVault {
  /** How the key is protected (for logs and status). */
  readonly kind: 'os' | 'file';
  load(): Buffer | null;
  save(secret: Buffer): void;
}

export interface BackupKey {
  key: Buffer;
  salt: Buffer;
}

/** Unambiguous letters and digits (no 0/O, 1/I/L), read aloud or typed from paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Six groups of five characters: ~148 bits. */
export function newPassphrase(): string {
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** Case, spaces and dashes do not matter when the passphrase is typed back. */
export function normalizePassphrase(p: string): string {
  return p.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(normalizePassphrase(passphrase), salt, KEY_BYTES, SCRYPT);
}

/** A short value in each archive's header telling whether a key is the right one, before decrypting anything. */
export function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('tresen backup key check v1').digest().subarray(0, CHECK_BYTES);
}

export function sameCheck(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newBackupKey(): { key: BackupKey; passphrase: string } {
  const passphrase = newPassphrase();
  const salt = randomBytes(SALT_BYTES);
  return { key: { key: deriveKey(passphrase, salt), salt }, passphrase };
}

export function encodeKey(k: BackupKey): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, salt: k.salt.toString('base64'), key: k.key.toString('base64') }));
}

export function decodeKey(data: Buffer): BackupKey {
  const parsed = JSON.parse(data.toString('utf8')) as { v?: number; salt?: string; key?: string };
  if (parsed.v !== 1 || !parsed.salt || !parsed.key) throw new Error('the backup key file is not readable');
  const key = Buffer.from(parsed.key, 'base64');
  const salt = Buffer.from(parsed.salt, 'base64');
  if (key.length !== KEY_BYTES || salt.length !== SALT_BYTES) throw new Error('the backup key file is damaged');
  return { key, salt };
}

/** Serve mode: the key in a file only its owner can read (0600), written atomically. */
export function fileKeyVault(file: string): KeyVault {
  return {
    kind: 'file',
    load: () => (existsSync(file) ? readFileSync(file) : null),
    save(secret) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, secret, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    },
  };
}
