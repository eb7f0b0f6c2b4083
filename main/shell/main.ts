// Electron entry point (bundled to dist/main/electron.cjs).
import { AppHost } from '../host';
import { runShell } from './lifecycle';

// The host picks the line (WhatsApp when linked, else the demo simulator) and
// swaps it when staff link or unlink; the shell talks to it through one facade.
runShell({
  createApp: async ({ dataDir, sqliteNativeBinding, version, logger }) =>
    (await AppHost.start({ dataDir, sqliteNativeBinding, version, logger })).facade(),
});
