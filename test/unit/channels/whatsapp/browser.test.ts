import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserNotFoundError, SnapBrowserError, candidatePaths, findBrowser, isSnapBrowser } from '../../../../main/channels/whatsapp/browser';

const envWith = (platform: NodeJS.Platform, present: string[], env: Record<string, string> = {}) => ({
  platform,
  env,
  exists: (p: string) => present.includes(p),
});

describe('browser detection', () => {
  it('passes over Ubuntu\'s snap Chromium for a .deb browser, and explains when only the snap is there', () => {
    const snapShim = '/usr/bin/chromium-browser';
    const isSnap = (p: string) => p === snapShim || p.startsWith('/snap/');
    const env = (present: string[]) => ({ platform: 'linux' as const, env: {}, exists: (p: string) => present.includes(p), isSnap });
    expect(findBrowser(undefined, env([snapShim, '/snap/bin/chromium', '/usr/bin/microsoft-edge']))).toBe('/usr/bin/microsoft-edge');
    expect(() => findBrowser(undefined, env([snapShim, '/snap/bin/chromium']))).toThrow(SnapBrowserError);
    expect(() => findBrowser('/snap/bin/chromium', env(['/snap/bin/chromium']))).toThrow(/Snap/);
  });

  it('recognises the script Ubuntu installs as chromium-browser as the snap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tresen-snap-'));
    try {
      const shim = join(dir, 'chromium-browser');
      writeFileSync(shim, '#! /bin/sh\n# transitional\nexec /snap/bin/chromium "$@"\n');
      const real = join(dir, 'chrome');
      writeFileSync(real, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]));
      expect(isSnapBrowser(shim)).toBe(true);
      expect(isSnapBrowser(real)).toBe(false);
      expect(isSnapBrowser('/snap/bin/chromium')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefers Chrome over Chromium over Edge on Linux', () => {
    expect(findBrowser(undefined, envWith('linux', ['/usr/bin/chromium', '/usr/bin/microsoft-edge']))).toBe('/usr/bin/chromium');
    expect(findBrowser(undefined, envWith('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome']))).toBe('/usr/bin/google-chrome');
    expect(findBrowser(undefined, envWith('linux', ['/usr/bin/microsoft-edge']))).toBe('/usr/bin/microsoft-edge');
  });

  it('finds Chrome and Edge under Program Files on Windows', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    expect(findBrowser(undefined, envWith('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env))).toBe(
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(candidatePaths('win32', env)[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('finds Chrome in /Applications on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser(undefined, envWith('darwin', [chrome], { HOME: '/Users/laden' }))).toBe(chrome);
    expect(candidatePaths('darwin', { HOME: '/Users/laden' })).toContain('/Users/laden/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('uses the configured path and reports it when it does not exist', () => {
    expect(findBrowser('/opt/my/chrome', envWith('linux', ['/opt/my/chrome', '/usr/bin/chromium']))).toBe('/opt/my/chrome');
    expect(() => findBrowser('/opt/typo/chrome', envWith('linux', ['/usr/bin/chromium']))).toThrow(/nicht gefunden: "\/opt\/typo\/chrome"/);
  });

  it('explains what to do when no browser is installed', () => {
    let err: unknown;
    try {
      findBrowser('', envWith('linux', []));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    expect((err as Error).message).toMatch(/Google Chrome .* installieren/);
    expect((err as BrowserNotFoundError).tried).toContain('/usr/bin/chromium');
  });
});
