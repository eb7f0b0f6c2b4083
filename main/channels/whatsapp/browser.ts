import { existsSync } from 'node:fs';
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
}

export const realBrowserEnv = (): BrowserEnv => ({ platform: process.platform, env: process.env, exists: existsSync });

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
  if (override) {
    if (envIn.exists(override)) return override;
    throw new BrowserNotFoundError([override], override);
  }
  const tried = candidatePaths(envIn.platform, envIn.env);
  const found = tried.find((p) => envIn.exists(p));
  if (!found) throw new BrowserNotFoundError(tried);
  return found;
}
