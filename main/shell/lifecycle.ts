import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Menu, Notification, Tray, app, dialog, nativeImage } from 'electron';
import type { BrowserWindow } from 'electron';
import type { ContactSummary, MessageView } from '../contract';
import type { AppOptions } from '../app';
import type { TresenApp } from '../app-context';
import type { Logger } from '../runtime';
import { hasWhatsAppSession } from '../store/line-config';
import { resolveSqliteNativeBinding } from '../store/native-binding';
import { iconPng } from './icon';
import { registerIpc } from './ipc';
import { withLogFile } from './file-log';
import { createConsoleLogger } from './logger';
import { notificationText, shouldNotify } from './notify';
import { createMainWindow, loadRenderer, shellPaths } from './window';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { shellTexts } from './texts';

export interface ShellDeps {
  createApp: (opts: AppOptions) => Promise<TresenApp>;
  argv?: string[];
  logger?: Logger;
  /** How long quitting waits for the app to close (a hung messenger must not block it). */
  closeTimeoutMs?: number;
  /** The operating system (tests); defaults to process.platform. */
  platform?: NodeJS.Platform;
}

/** Windows groups notifications and the taskbar by this id; it is electron-builder's appId. */
export const APP_USER_MODEL_ID = 'de.tresen.app';

export interface ShellHandle {
  /** False when another instance already runs (this one then quits). */
  primary: boolean;
  /** Resolves when the window shows the app, or after startup failed and quit was requested. */
  ready: Promise<void>;
}

/** `--data-dir DIR` or `--data-dir=DIR`; the last one wins. */
export function parseDataDirArg(argv: readonly string[]): string | undefined {
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir' && argv[i + 1]) dir = argv[++i];
    else if (arg?.startsWith('--data-dir=')) dir = arg.slice('--data-dir='.length) || dir;
  }
  return dir ? path.resolve(dir) : undefined;
}

/**
 * The Electron main process: one instance per data dir, the app core, the
 * hardened window, IPC, tray and notifications, and a clean shutdown.
 */
export function runShell(deps: ShellDeps): ShellHandle {
  let logger = deps.logger ?? createConsoleLogger('shell');
  const argDataDir = parseDataDirArg(deps.argv ?? process.argv);
  // Windows shows notifications only for an app with its own id (set before ready).
  if ((deps.platform ?? process.platform) === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Chromium's own profile and the single-instance lock follow userData, so a
  // separate data dir (e.g. a training copy) runs as its own instance.
  if (argDataDir) app.setPath('userData', argDataDir);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve() };
  }

  let win: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let tresenApp: TresenApp | null = null;
  let disposeIpc: (() => void) | null = null;
  let stopNotifications: (() => void) | null = null;
  let quitting = false;
  let closed = false;
  let closing: Promise<void> | null = null;
  // Electron drops a notification's click handler once the object is garbage collected.
  const liveNotifications = new Set<Notification>();
  // The system language is known only once Electron is ready.
  let t = shellTexts('de');

  const showWindow = (): void => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);

  const shutdown = async (): Promise<void> => {
    stopNotifications?.();
    disposeIpc?.();
    tray?.destroy();
    tray = null;
    if (!tresenApp) return;
    let timer: NodeJS.Timeout | undefined;
    const closeMs = deps.closeTimeoutMs ?? closeTimeoutFor(tresenApp);
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        logger.error('app did not close in time; quitting anyway');
        resolve();
      }, closeMs);
    });
    try {
      await Promise.race([tresenApp.close(), timeout]);
    } catch (err) {
      logger.error('closing the app failed', { error: String(err) });
    } finally {
      clearTimeout(timer);
    }
  };

  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    // Hold the quit until the database and the messenger are closed.
    event.preventDefault();
    closing ??= shutdown().finally(() => {
      closed = true;
      app.quit();
    });
  });

  app.on('window-all-closed', () => app.quit());

  const notify = async (message: MessageView): Promise<void> => {
    if (!Notification.isSupported() || !tresenApp) return;
    const found = await tresenApp.dispatch('contacts.get', { contactId: message.contactId });
    const contact = found.ok ? (found.value as ContactSummary) : undefined;
    const { title, body } = notificationText(message, contact, app.getLocale());
    const n = new Notification({ title, body, icon: nativeImage.createFromBuffer(iconPng(128)) });
    liveNotifications.add(n);
    const forget = (): void => void liveNotifications.delete(n);
    n.on('click', () => {
      forget();
      showWindow();
    });
    n.on('close', forget);
    n.show();
  };

  const start = async (): Promise<void> => {
    // Privileged schemes are registered before ready, served after.
    registerAppScheme();
    await app.whenReady();
    t = shellTexts(app.getLocale());
    const dataDir = argDataDir ?? app.getPath('userData');
    mkdirSync(dataDir, { recursive: true });
    logger = withLogFile(logger, dataDir);
    watchProcessErrors(() => logger);
    const appRoot = app.getAppPath();
    const linked = hasWhatsAppSession(dataDir);
    logger.info('starting', { dataDir, channel: linked ? 'whatsapp' : 'simulator' });

    tresenApp = await deps.createApp({
      dataDir,
      demo: !linked,
      sqliteNativeBinding: resolveSqliteNativeBinding({ appRoot }),
      version: app.getVersion(),
      logger,
    });

    if (app.isPackaged && process.platform !== 'darwin') Menu.setApplicationMenu(null);

    const paths = shellPaths(appRoot);
    serveAppProtocol(paths.rendererDir);
    const log = (msg: string, extra?: Record<string, unknown>) => logger.warn(msg, extra);
    const window = createMainWindow(paths, { devTools: !app.isPackaged, log });
    win = window;
    disposeIpc = registerIpc({ app: tresenApp, getWindow: () => win, rendererUrl: paths.rendererUrl, logger });

    stopNotifications = tresenApp.subscribe((event, payload) => {
      if (event !== 'message.added') return;
      const message = payload as MessageView;
      if (!shouldNotify(message, !window.isDestroyed() && window.isFocused())) return;
      notify(message).catch((err: unknown) => logger.warn('notification failed', { error: String(err) }));
    });

    try {
      tray = new Tray(nativeImage.createFromBuffer(iconPng(process.platform === 'darwin' ? 18 : 32)));
      tray.setToolTip('Tresen');
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: t.trayOpen, click: showWindow },
          { type: 'separator' },
          { label: t.trayQuit, click: () => app.quit() },
        ]),
      );
      tray.on('click', showWindow);
    } catch (err) {
      // Some Linux desktops have no tray; the window then simply quits on close.
      tray = null;
      logger.warn('no tray available', { error: String(err) });
    }

    window.on('close', (event) => {
      // With a tray, closing the window keeps the line running so messages still arrive.
      if (!quitting && tray) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      win = null;
    });

    await loadRenderer(window, paths);
  };

  const ready = start().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    logger.error('startup failed', { error: message });
    dialog.showErrorBox(t.startFailed, message);
    app.quit();
  });

  return { primary: true, ready };
}

/** At least 10 s; longer when the line says its clean stop may need more (a send in flight, closing its browser). */
export function closeTimeoutFor(app: { channel: { closeBudgetMs?(): number } }): number {
  const budget = app.channel.closeBudgetMs?.() ?? 0;
  return Math.max(10_000, Number.isFinite(budget) ? budget : 0);
}

let watching = false;
let errorLogger: () => Logger = () => createConsoleLogger('shell');
/**
 * A promise nobody awaited or an exception nobody caught is logged (to the
 * log file too) instead of ending the process silently or unseen.
 */
export function watchProcessErrors(logger: () => Logger): void {
  errorLogger = logger;
  if (watching) return;
  watching = true;
  process.on('unhandledRejection', (reason: unknown) => {
    errorLogger().error('unhandled promise rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  });
  process.on('uncaughtException', (err: Error) => {
    errorLogger().error('uncaught exception', { error: err.stack ?? err.message });
  });
}
