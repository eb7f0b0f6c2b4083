import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, safeStorage } from '../../fakes/electron';
import { useTempDirs } from '../../helpers/temp-dir';

vi.mock('electron', () => import('../../fakes/electron'));

const { safeStorageKeyVault } = await import('../../../main/shell/backup-key');

describe('backup key wrapped by safeStorage', () => {
  const tempDir = useTempDirs();
  afterEach(() => resetFakeElectron());

  it('writes only the wrapped key and reads it back', () => {
    const file = join(tempDir(), 'backup.key.enc');
    const vault = safeStorageKeyVault(file);
    expect(vault.load()).toBeNull();
    const secret = Buffer.from('{"v":1,"salt":"c2FsdHNhbHRzYWx0c2FsdA==","key":"a2V5"}');
    vault.save(secret);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(secret)).toBe(false);
    expect(onDisk.includes(Buffer.from(secret.toString('base64')))).toBe(false);
    expect(vault.load()).toEqual(secret);
  });

  it('refuses to store the key when the OS offers no encryption', () => {
    safeStorage.available = false;
    const file = join(tempDir(), 'backup.key.enc');
    expect(() => safeStorageKeyVault(file).save(Buffer.from('k'))).toThrow(/no key storage/);
  });
});
