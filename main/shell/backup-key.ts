import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { KeyVault } from '../core/backup';

/** The part of Electron's safeStorage the vault uses (tests pass the stand-in from test/fakes/electron.ts). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * In the app the backup key is wrapped by the operating system (DPAPI on
 * Windows, the keychain on macOS, libsecret on Linux) through safeStorage,
 * and only the wrapped bytes are written to disk. Without OS encryption
 * (a Linux desktop without a keyring) saving refuses: the manager keeps the
 * recovery passphrase and backups stay off rather than an unwrapped key.
 */
export function safeStorageKeyVault(file: string, storage: SafeStorageLike = safeStorage): KeyVault {
  return {
    kind: 'os',
    load() {
      if (!existsSync(file)) return null;
      return Buffer.from(storage.decryptString(readFileSync(file)), 'base64');
    },
    save(secret) {
      if (!storage.isEncryptionAvailable()) throw new Error('the operating system offers no key storage (safeStorage unavailable)');
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, storage.encryptString(secret.toString('base64')), { mode: 0o600 });
      renameSync(tmp, file);
    },
  };
}
