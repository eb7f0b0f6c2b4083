import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * whatsapp-web.js drives a Chromium-family browser through puppeteer. Tresen
 * does not ship one: it uses the Chrome, Chromium or Edge already installed,
 * or the path configured in settings.
 */

export interface BrowserEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  /** True for Ubuntu's snap Chromium (or the script that starts it), which cannot open Tresen's profile folder. */
  isSnap?: (path: string) => boolean;
}

/**
 * The snap's confinement hides dot-folders in the home directory from the
 * browser, and Tresen's data lives in ~/.config/Tresen: the snap fails with a
 * misleading "browser is already running". On Ubuntu, /usr/bin/chromium-browser
 * is only a script that starts the snap.
 */
export function isSnapBrowser(path: string): boolean {
  if (path.startsWith('/snap/')) return true;
  try {
    if (realpathSync(path).startsWith('/snap/')) return true;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4096);
      const n = readSync(fd, head, 0, head.length, 0);
      const text = head.subarray(0, n).toString('latin1');
      return text.startsWith('#!') && /\/snap\/|snap run|snap install/.test(text);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export const realBrowserEnv = (): BrowserEnv => ({ platform: process.platform, env: process.env, exists: existsSync, isSnap: isSnapBrowser });

export class SnapBrowserError extends Error {
  override name = 'SnapBrowserError';
  constructor(readonly path: string) {
    super(
      `Der gefundene Browser ist Chromium als Snap (${path}); er darf Tresens Datenordner nicht öffnen. ` +
        'Bitte Google Chrome als .deb installieren (https://www.google.com/chrome/) und, falls nötig, den Pfad ' +
        '(/usr/bin/google-chrome) unter Einstellungen → WhatsApp-Leitung → Browser eintragen.',
    );
  }
}

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
  constructor(readonly tried: string[], readonly configured?: string) {
    super(
      (configured
        ? `Der für WhatsApp eingestellte Browser wurde nicht gefunden: "${configured}". `
        : 'Für WhatsApp wurde kein Chrome, Chromium oder Edge gefunden. ') +
        'Bitte Google Chrome (oder Chromium / Microsoft Edge) installieren oder den Pfad unter ' +
        `Einstellungen → WhatsApp-Leitung → Browser eintragen. Gesucht in: ${tried.join(', ')}`,
    );
  }
}

/** The usual install locations, best first (Chrome, then Chromium, then Edge). */
export function candidatePaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env['LOCALAPPDATA']].filter(
      (r): r is string => typeof r === 'string' && r.length > 0,
    );
    // win32 paths are joined by hand: path.join on a Linux test host would use '/'.
    const under = (rel: string) => roots.map((r) => `${r.replace(/\\+$/, '')}\\${rel}`);
    return [
      ...under('Google\\Chrome\\Application\\chrome.exe'),
      ...under('Chromium\\Application\\chrome.exe'),
      ...under('Microsoft\\Edge\\Application\\msedge.exe'),
    ];
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const home = env['HOME'];
    return [...apps.map((a) => `/Applications/${a}`), ...(home ? apps.map((a) => join(home, 'Applications', a)) : [])];
  }
  return [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ];
}

/**
 * The browser to use: the configured path when set (it must exist: a typo
 * should be reported, not silently replaced by another browser), else the
 * first usual path that exists. Throws BrowserNotFoundError with the places
 * it looked.
 */
export function findBrowser(configured: string | undefined, envIn: BrowserEnv = realBrowserEnv()): string {
  const override = configured?.trim();
  const snap = (p: string) => envIn.platform === 'linux' && (envIn.isSnap?.(p) ?? p.startsWith('/snap/'));
  if (override) {
    if (!envIn.exists(override)) throw new BrowserNotFoundError([override], override);
    if (snap(override)) throw new SnapBrowserError(override);
    return override;
  }
  const tried = candidatePaths(envIn.platform, envIn.env);
  const present = tried.filter((p) => envIn.exists(p));
  const usable = present.find((p) => !snap(p));
  if (usable) return usable;
  if (present[0]) throw new SnapBrowserError(present[0]);
  throw new BrowserNotFoundError(tried);
}

/** What `--version` prints for the browsers whatsapp-web.js can drive. */
const BROWSER_VERSION = /^(Google Chrome|Chromium|Microsoft Edge)( for Testing| Beta| Dev| Canary)? \d+(\.\d+)+\b/m;

/**
 * A path staff enters is launched later, so it must be a browser: a regular
 * file that answers `--version` as Chrome, Chromium or Edge does. Anything
 * else (a shell, a script, another program) is refused with the reason.
 */
export function identifyBrowser(path: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) return reject(new Error(`no such program: ${path}`));
    execFile(path, ['--version'], { timeout: timeoutMs, windowsHide: true, maxBuffer: 64 * 1024, env: { ...process.env, LANG: 'C' } }, (err, stdout) => {
      const line = String(stdout).trim();
      const match = BROWSER_VERSION.exec(line);
      if (match) return resolve(match[0]);
      reject(new Error(err && !line ? `the program did not answer --version (${err.message.split('\n')[0]})` : 'the program does not identify itself as Chrome, Chromium or Edge'));
    });
  });
}
