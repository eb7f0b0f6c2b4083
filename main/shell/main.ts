// Electron entry point (bundled to dist/main/electron.cjs).
import { join } from 'node:path';
import { AppHost } from '../host';
import { safeStorageKeyVault } from './backup-key';
import { runShell } from './lifecycle';
import { createLocalApi } from './local-api';

// The host picks the line (WhatsApp when linked, else the demo simulator) and
// swaps it when staff link or unlink; the shell talks to it through one facade.
// The local API stays off until a manager switches it on in the settings.
runShell({
  createApp: async ({ dataDir, sqliteNativeBinding, version, logger }) => {
    const host = await AppHost.start({
      dataDir,
      sqliteNativeBinding,
      version,
      logger,
      backupKeyVault: safeStorageKeyVault(join(dataDir, 'backup.key.enc')),
    });
    const log = logger ?? { info: () => {}, warn: () => {}, error: () => {} };
    const localApi = createLocalApi({ source: host, logger: log });
    host.localApi = localApi;
    host.onSwitch(() => void localApi.applySaved());
    await localApi.applySaved();
    return host.facade();
  },
});
