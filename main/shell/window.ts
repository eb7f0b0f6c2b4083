import path from 'node:path';
import { BrowserWindow, nativeImage, shell } from 'electron';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { iconPng } from './icon';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-protocol';

/** Where the built app lives, relative to the app root (app.getAppPath()). */
export interface ShellPaths {
  rendererFile: string;
  /** The folder app://tresen/ serves. */
  rendererDir: string;
  preloadFile: string;
  /** app:// URL of rendererFile: the only page the window may show. */
  rendererUrl: string;
}

export function shellPaths(appRoot: string): ShellPaths {
  const rendererDir = path.join(appRoot, 'dist', 'renderer');
  return {
    rendererFile: path.join(rendererDir, 'index.html'),
    rendererDir,
    preloadFile: path.join(appRoot, 'dist', 'preload', 'index.cjs'),
    rendererUrl: `${APP_ORIGIN}/index.html`,
  };
}

/**
 * True when `url` is the app's own page (the hash may differ: the UI may use
 * it for routing). Everything else, including other files next to it, is foreign.
 */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  let u: URL;
  let own: URL;
  try {
    u = new URL(url);
    own = new URL(rendererUrl);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.protocol === own.protocol &&
    u.host === own.host &&
    u.pathname === own.pathname &&
    u.search === ''
  );
}

/**
 * Links staff may open in the system browser: plain https with a host and no
 * embedded credentials. Anything else (file:, javascript:, custom schemes that
 * launch other programs, http:) is dropped.
 */
export function safeExternalUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return undefined;
  return u.href;
}

/** Permissions the app's own page may use; every other request, and every other page, is refused. */
const OWN_PAGE_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

export interface HardenOptions {
  rendererUrl: string;
  openExternal?: (url: string) => Promise<void>;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** Session-wide rules: CSP header and deny-by-default permissions. */
export function hardenSession(ses: Session, { rendererUrl, log }: HardenOptions): void {
  // app:// answers carry the policy themselves (app-protocol.ts); this adds it
  // to anything else the session loads. index.html also has it as a meta tag,
  // written at build time from the same source.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const ownPage = (contents: WebContents | null): boolean =>
    !!contents && !contents.isDestroyed() && isAppUrl(contents.getURL(), rendererUrl);

  ses.setPermissionRequestHandler((contents, permission, callback) => {
    const granted = OWN_PAGE_PERMISSIONS.has(permission) && ownPage(contents);
    if (!granted) log?.('permission request denied', { permission });
    callback(granted);
  });
  ses.setPermissionCheckHandler(
    (contents, permission) => OWN_PAGE_PERMISSIONS.has(permission) && ownPage(contents),
  );

  try {
    // The staff write German and English; unsupported on macOS (uses the system checker).
    if (process.platform !== 'darwin') ses.setSpellCheckerLanguages(['de', 'en-US']);
  } catch (err) {
    log?.('spellchecker languages not available', { error: String(err) });
  }
}

/** Per-page rules: no new windows, no navigation away, no <webview>. */
export function hardenWebContents(contents: WebContents, { rendererUrl, openExternal, log }: HardenOptions): void {
  const open = openExternal ?? ((url: string) => shell.openExternal(url));
  const openOutside = (url: string): void => {
    const safe = safeExternalUrl(url);
    if (!safe) {
      log?.('blocked link', { url: url.slice(0, 200) });
      return;
    }
    open(safe).catch((err: unknown) => log?.('could not open link', { error: String(err) }));
  };

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, rendererUrl)) return;
    event.preventDefault();
    // A plain link clicked in a chat: show it in the browser, never inside the app.
    openOutside(event.url);
  });

  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url, rendererUrl)) return;
    event.preventDefault();
    log?.('blocked redirect', { url: event.url.slice(0, 200) });
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.('blocked webview');
  });
}

/** The window's options; exported so the security settings can be checked on their own. */
export function mainWindowOptions(paths: ShellPaths, { devTools = false }: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Tresen',
    backgroundColor: '#ffffff',
    icon: nativeImage.createFromBuffer(iconPng(256)),
    autoHideMenuBar: true,
    webPreferences: {
      preload: paths.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // Developer tools only in development builds, not on the shop's counter PC.
      devTools,
    },
  };
}

/**
 * Creates the hardened main window. It does not load the page yet, so the
 * caller can register IPC for this window before the renderer's first call.
 */
export function createMainWindow(
  paths: ShellPaths,
  options: Omit<HardenOptions, 'rendererUrl'> & { devTools?: boolean } = {},
): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(paths, { devTools: options.devTools ?? false }));
  hardenSession(win.webContents.session, { ...options, rendererUrl: paths.rendererUrl });
  hardenWebContents(win.webContents, { ...options, rendererUrl: paths.rendererUrl });
  win.once('ready-to-show', () => win.show());
  return win;
}

/** Loads the built renderer; a clear error when the build is missing. */
export async function loadRenderer(win: BrowserWindow, paths: ShellPaths): Promise<void> {
  try {
    await win.loadURL(paths.rendererUrl);
  } catch (err) {
    throw new Error(`Could not load the user interface from ${paths.rendererFile} (run \`npm run build\`): ${String(err)}`);
  }
}
