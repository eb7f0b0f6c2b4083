import type { LineMode } from './contract';
import { createApp, type CreatedApp } from './app';
import type { EventListener, HostControl, LocalApiControl, TresenApp } from './app-context';
import { stderrLogger, systemClock, type Clock, type Logger } from './runtime';
import type { WhatsAppChannelOptions } from './channels/whatsapp/whatsapp-channel';
import { defaultPacing, Pacer } from './core/pacing';
import { demoDataDir, readLineConfig, writeLineConfig } from './store/line-config';
import { DB_FILE_NAME } from './store';
import { swapInStaged, type KeyVault, type ReapplyJournal } from './core/backup';

export interface HostOptions {
  dataDir: string;
  /** Started with --demo: the simulator on dataDir itself, no switching. */
  forceDemo?: boolean;
  sqliteNativeBinding?: string;
  version?: string;
  logger?: Logger;
  clock?: Clock;
  /**
   * The set-up when none is recorded: 'completed' (tests, `serve --demo`) or
   * 'derive' (default: a new install shows the first-run wizard).
   */
  setup?: 'completed' | 'derive';
  /** Overrides for the WhatsApp channel (tests pass a fake client factory and fast pacing). */
  whatsapp?: Partial<WhatsAppChannelOptions>;
  /** Keeps the backup key (Electron: wrapped by safeStorage; serve mode: a 0600 file). */
  backupKeyVault?: KeyVault;
  /** Re-applies the compliance journal after a restore (default in the composition root). */
  reapplyJournal?: ReapplyJournal;
}

export type { HostControl } from './app-context';

/**
 * Runs the app on the line the shop chose and swaps it when they link or
 * unlink WhatsApp. Both hosts (Electron shell and serve mode) use this, so the
 * choice "WhatsApp if linked, else the demo simulator" is made in one place.
 */
export class AppHost implements HostControl {
  private app!: CreatedApp;
  private listeners = new Set<(app: CreatedApp) => void>();
  private readonly eventListeners = new Set<EventListener>();
  private unsubscribeCurrent: () => void = () => {};
  private switching: Promise<void> = Promise.resolve();
  mode: LineMode = 'demo';
  /** The local API switch, set by the shell (Electron) or serve mode. */
  localApi: (LocalApiControl & { close?(): Promise<void> }) | undefined;

  private constructor(private readonly opts: HostOptions) {}

  static async start(opts: HostOptions): Promise<AppHost> {
    const host = new AppHost(opts);
    host.mode = opts.forceDemo ? 'demo' : readLineConfig(opts.dataDir).mode;
    host.adopt(await host.create(host.mode));
    return host;
  }

  get current(): CreatedApp {
    return this.app;
  }

  get canSwitch(): boolean {
    return !this.opts.forceDemo;
  }

  /** Called with the new app after every switch (transports re-attach, windows reload). */
  onSwitch(fn: (app: CreatedApp) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  switchMode(mode: LineMode): void {
    if (!this.canSwitch) return;
    // Deferred so the API call that asked for it still gets its answer.
    this.switching = this.switching.then(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            this.doSwitch(mode)
              .catch((err: unknown) => (this.opts.logger ?? stderrLogger).error('line switch failed', { error: String(err) }))
              .finally(resolve);
          }, 50);
        }),
    );
  }

  /**
   * A TresenApp that always talks to the current app, so transports attach
   * once: calls go to whichever app runs now, and subscribers keep receiving
   * events across a switch (then `line.switched` tells the UI to reload).
   */
  dispatch: TresenApp['dispatch'] = (method, input, session) => this.app.dispatch(method, input, session);

  subscribe: TresenApp['subscribe'] = (listener) => {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  };

  facade(): TresenApp {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- getters below need the host, not the facade
    const host = this;
    return {
      dispatch: this.dispatch,
      subscribe: this.subscribe,
      get demo() {
        return host.app.demo;
      },
      get channel() {
        return host.app.channel;
      },
      close: () => this.close(),
    };
  }

  /**
   * Restores a staged backup like a line switch: after the current call
   * answered, the app stops, the database and media are swapped (the
   * replaced ones kept until the restored one opens), the app starts again
   * and re-applies the journal since the backup's time.
   */
  restoreBackup(plan: { stagingDir: string; createdAt: number }): void {
    this.switching = this.switching.then(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            this.doRestore(plan)
              .catch((err: unknown) => (this.opts.logger ?? stderrLogger).error('restore failed', { error: String(err) }))
              .finally(resolve);
          }, 50);
        }),
    );
  }

  private async doRestore(plan: { stagingDir: string; createdAt: number }): Promise<void> {
    const logger = this.opts.logger ?? stderrLogger;
    const dataDir = this.app.context.dataDir;
    // The restored database knows only the backups made before it: carry the list over, so later archives stay listed and expire.
    const knownBackups = this.app.context.store.backups.list();
    await this.app.close();
    let restored = false;
    try {
      const swap = swapInStaged(dataDir, DB_FILE_NAME, plan.stagingDir);
      try {
        const restoredApp = await this.create(this.mode, plan.createdAt);
        this.adopt(restoredApp);
        swap.commit();
        restoredApp.context.store.tx(() => {
          for (const { id: _id, ...row } of knownBackups) restoredApp.context.store.backups.add(row);
        });
        restored = true;
        logger.info('backup restored', { createdAt: new Date(plan.createdAt).toISOString() });
      } catch (err) {
        logger.error('the restored database did not open; the previous one is back', { error: String(err) });
        swap.rollback();
      }
    } catch (err) {
      logger.error('restoring the backup failed; nothing was replaced', { error: String(err) });
    }
    if (!restored) this.adopt(await this.create(this.mode));
    if (restored) for (const l of this.eventListeners) l('backup.restored', { createdAt: new Date(plan.createdAt).toISOString() });
    for (const l of this.listeners) l(this.app);
  }

  /** Resolves when pending switches are done (tests). */
  settled(): Promise<void> {
    return this.switching;
  }

  async close(): Promise<void> {
    await this.switching;
    await this.localApi?.close?.();
    await this.app.close();
  }

  private async doSwitch(mode: LineMode): Promise<void> {
    const logger = this.opts.logger ?? stderrLogger;
    try {
      writeLineConfig(this.opts.dataDir, { mode });
      // The set-up belongs to the install: what the wizard saved on one line's database goes along.
      const carry = this.app.context.setup.exportCarry();
      await this.app.close();
      this.mode = mode;
      this.adopt(await this.create(mode));
      this.app.context.setup.adoptCarry(carry);
    } catch (err) {
      logger.error('switching line failed', { mode, error: String(err) });
      // Never two apps on one database, and never none: close what may still run, fall back to the demo.
      await this.app.close().catch(() => {});
      this.mode = 'demo';
      this.adopt(await this.create('demo'));
    }
    for (const l of this.eventListeners) l('line.switched', { mode: this.mode });
    for (const l of this.listeners) l(this.app);
  }

  private adopt(app: CreatedApp): void {
    this.unsubscribeCurrent();
    this.app = app;
    this.unsubscribeCurrent = app.subscribe((event, payload) => {
      for (const l of this.eventListeners) l(event, payload);
    });
  }

  private create(mode: LineMode, restoredSince?: number): Promise<CreatedApp> {
    const { dataDir, forceDemo, sqliteNativeBinding, version, backupKeyVault, reapplyJournal } = this.opts;
    const logger = this.opts.logger ?? stderrLogger;
    const clock = this.opts.clock ?? systemClock;
    const setupDefault = this.opts.setup ?? (forceDemo ? 'completed' : 'derive');
    const common = { sqliteNativeBinding, version, logger, clock, host: this, lineDataDir: dataDir, backupKeyVault, reapplyJournal, restoredSince, setupDefault };
    if (mode === 'demo') {
      return createApp({ ...common, dataDir: forceDemo ? dataDir : demoDataDir(dataDir), demo: true });
    }
    return createApp({
      ...common,
      dataDir,
      demo: false,
      // Loaded on demand: whatsapp-web.js and puppeteer cost about half a second
      // of every start, and the demo and serve mode never use them.
      channelFactory: async ({ store }) => {
        const { WhatsAppChannel } = await import('./channels/whatsapp/whatsapp-channel');
        return new WhatsAppChannel({
          dataDir,
          logger,
          clock,
          pacing: new Pacer(defaultPacing, clock),
          syncStore: store.waSync,
          isKnown: (externalId) => store.messages.byExternalId(externalId) !== undefined,
          executablePath: () => readLineConfig(dataDir).browserPath || undefined,
          ...this.opts.whatsapp,
        });
      },
    });
  }
}
