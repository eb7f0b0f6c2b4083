import type { HostControl } from './app-context';
import type { Channel } from './core/channel';
import type { KeyVault, ReapplyJournal } from './core/backup';
import type { RetryPolicy } from './core/webhooks/webhooks';
import type { Clock, Logger } from './runtime';
import type { Store } from './store';

/** What the composition root (app.ts) is started with: by the host, serve mode and tests. */
export interface AppOptions {
  /** Folder that holds tresen.sqlite3, media/ and the messenger session. */
  dataDir: string;
  /** Demo/training mode: the simulator is the active channel. */
  demo: boolean;
  /** The messenger adapter; defaults to the simulator. */
  channel?: Channel;
  /** Builds the adapter once the store is open (the WhatsApp bridge keeps its checkpoints there). */
  channelFactory?: (deps: { store: Store }) => Channel | Promise<Channel>;
  /** The host that can switch between the demo and the WhatsApp line. */
  host?: HostControl;
  /** The folder of line.json and the WhatsApp session (the demo's dataDir is a subfolder). */
  lineDataDir?: string;
  clock?: Clock;
  logger?: Logger;
  /** Absolute path of a better_sqlite3.node built for this runtime (Electron), if not the default. */
  sqliteNativeBinding?: string;
  /** App version shown in app.info. */
  version?: string;
  /** Keeps the backup key (the Electron shell wraps it with safeStorage); default: a 0600 key file beside line.json. */
  backupKeyVault?: KeyVault;
  /** Set when this start follows a restore: the backup's time (ms), after which the journal is re-applied. */
  restoredSince?: number;
  /** Re-applies erasures and withdrawals recorded after a backup (see core/backup/reapply.ts). */
  reapplyJournal?: ReapplyJournal;
  /** How long after start the integrity check (after an unclean shutdown) waits. */
  integrityCheckDelayMs?: number;
  /** Webhook retry timing (tests shorten it). */
  webhookRetry?: Partial<RetryPolicy>;
  /**
   * When no set-up progress is recorded in the line's data folder: 'completed'
   * (tests, `serve --demo`: the wizard never stands in front of them) or
   * 'derive' (a real install: the wizard shows the steps the database lacks).
   * Default: 'derive' under a host, 'completed' without one (tests).
   */
  setupDefault?: 'completed' | 'derive';
}
