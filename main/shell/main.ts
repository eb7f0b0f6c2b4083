// Electron entry point (bundled to dist/main/electron.cjs).
import { join } from 'node:path';
import { AppHost } from '../host';
import { safeStorageKeyVault } from './backup-key';
import { runShell } from './lifecycle';

// The host picks the line (WhatsApp when linked, else the demo simulator) and
// swaps it when staff link or unlink; the shell talks to it through one facade.
runShell({
  createApp: async ({ dataDir, sqliteNativeBinding, version, logger }) =>
    (
      await AppHost.start({ dataDir, sqliteNativeBinding, version, logger, backupKeyVault: safeStorageKeyVault(join(dataDir, 'backup.key.enc')) })
    ).facade(),
});
