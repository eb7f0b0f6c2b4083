import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, makeEvent, resetFakeElectron, shell } from '../../fakes/electron';
import type { FakeSession, FakeWebContents } from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { createMainWindow, isAppUrl, loadRenderer, safeExternalUrl, shellPaths } = await import('../../../main/shell/window');
const { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } = await import('../../../main/contract/csp');

const paths = shellPaths('/opt/tresen');
const otherFile = 'app://tresen/other.html';

function openWindow() {
  createMainWindow(paths, { log: () => {} });
  const win = BrowserWindow.instances.at(-1)!;
  return { win, contents: win.webContents as FakeWebContents, session: win.webContents.session as FakeSession };
}

beforeEach(() => resetFakeElectron());

describe('main window', () => {
  it('is created sandboxed, context-isolated, without node and with the preload', () => {
    const { win } = openWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      devTools: false,
      preload: '/opt/tresen/dist/preload/index.cjs',
    });
    expect(win.options.show).toBe(false);
  });

  it('loads the built renderer from app:// (not file://) and shows when ready', async () => {
    const { win, contents } = openWindow();
    await loadRenderer(win as never, paths);
    expect(win.loadedUrl).toBe('app://tresen/index.html');
    expect(win.loadedFile).toBeNull();
    expect(contents.getURL()).toBe(paths.rendererUrl);
    expect(win.visible).toBe(true);
  });

  it('explains a missing build', async () => {
    const { win } = openWindow();
    win.loadURL = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6)'));
    await expect(loadRenderer(win as never, paths)).rejects.toThrow(/npm run build.*ERR_FILE_NOT_FOUND/);
  });
});

describe('navigation and new windows', () => {
  it('denies every new window and opens only safe https links in the browser', () => {
    const { contents } = openWindow();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/track?id=1' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://user:pw@example.com/' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://example.com/track?id=1']);
  });

  it('prevents navigation to a foreign URL and allows the app page itself', () => {
    const { contents } = openWindow();
    const foreign = makeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', foreign);
    expect(foreign.defaultPrevented).toBe(true);
    // A clicked chat link goes to the browser, not into the app window.
    expect(shell.opened).toEqual(['https://evil.example/']);

    const sibling = makeEvent({ url: otherFile });
    contents.emit('will-navigate', sibling);
    expect(sibling.defaultPrevented).toBe(true);

    const own = makeEvent({ url: paths.rendererUrl });
    contents.emit('will-navigate', own);
    expect(own.defaultPrevented).toBe(false);

    const ownWithHash = makeEvent({ url: `${paths.rendererUrl}#/contacts/3` });
    contents.emit('will-navigate', ownWithHash);
    expect(ownWithHash.defaultPrevented).toBe(false);
  });

  it('prevents foreign redirects and every <webview>', () => {
    const { contents } = openWindow();
    const redirect = makeEvent({ url: 'https://evil.example/' });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const ownRedirect = makeEvent({ url: paths.rendererUrl });
    contents.emit('will-redirect', ownRedirect);
    expect(ownRedirect.defaultPrevented).toBe(false);
    const webview = makeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe('session', () => {
  it('refuses permission requests by default', async () => {
    const { win, contents, session } = openWindow();
    await loadRenderer(win as never, paths);
    const ask = (permission: string, from = contents) =>
      new Promise<boolean>((resolve) => session.permissionRequestHandler!(from, permission, resolve, {}));
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'unknown']) {
      expect(await ask(permission), permission).toBe(false);
    }
    // Copying text from the app's own page is the one thing allowed ...
    expect(await ask('clipboard-sanitized-write')).toBe(true);
    // ... and not for any other page.
    contents.navigate('https://evil.example/');
    expect(await ask('clipboard-sanitized-write')).toBe(false);
  });

  it('answers permission checks with false by default', async () => {
    const { win, contents, session } = openWindow();
    await loadRenderer(win as never, paths);
    expect(session.permissionCheckHandler!(contents, 'media', 'file://', {})).toBe(false);
    expect(session.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'file://', {})).toBe(false);
    expect(session.permissionCheckHandler!(contents, 'clipboard-sanitized-write', 'file://', {})).toBe(true);
  });

  it('adds the CSP header to every response, replacing any other', () => {
    const { session } = openWindow();
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    session.headersListener!(
      { url: 'file:///x', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r: typeof result) => (result = r),
    );
    expect(result!.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('sets German and English spell checking', () => {
    const { session } = openWindow();
    if (process.platform !== 'darwin') expect(session.spellCheckerLanguages).toEqual(['de', 'en-US']);
  });
});

describe('CSP', () => {
  it('allows no inline or evaluated code and no plugins or frames', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      // No directive allows any host.
      const sources = policy.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
      expect(sources).not.toContain('*');
      expect(sources.filter((s) => s.startsWith('ws:')).every((s) => /^ws:\/\/(127\.0\.0\.1|localhost):\*$/.test(s))).toBe(true);
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-src 'none'");
      expect(policy).toContain("base-uri 'none'");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    // Ignored (with a console warning) in a meta tag, so left out there.
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
  });

  it('has one source: index.html holds no hand-written policy; the build writes the meta tag from csp.ts', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..', '..', '..');
    expect(readFileSync(join(root, 'renderer', 'index.html'), 'utf8')).not.toMatch(/content-security-policy/i);
    const config = (await import('../../../vite.config')).default as { plugins: Array<{ name?: string; transformIndexHtml?: () => unknown }> };
    const plugin = config.plugins.flat().find((p) => p?.name === 'tresen-csp')!;
    expect(plugin.transformIndexHtml!()).toEqual([
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ]);
  });
});

describe('URL checks', () => {
  it('recognises only the app page as the app', () => {
    expect(isAppUrl(paths.rendererUrl, paths.rendererUrl)).toBe(true);
    expect(isAppUrl(`${paths.rendererUrl}#x`, paths.rendererUrl)).toBe(true);
    expect(isAppUrl(`${paths.rendererUrl}?x=1`, paths.rendererUrl)).toBe(false);
    expect(isAppUrl(otherFile, paths.rendererUrl)).toBe(false);
    expect(isAppUrl('https://opt/tresen/dist/renderer/index.html', paths.rendererUrl)).toBe(false);
    expect(isAppUrl('not a url', paths.rendererUrl)).toBe(false);
  });

  it('lets only plain https links out', () => {
    expect(safeExternalUrl('https://www.dhl.de/track?x=1')).toBe('https://www.dhl.de/track?x=1');
    expect(safeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
    for (const bad of ['http://a.de', 'ftp://a.de', 'file:///c:/x', 'javascript:1', 'ms-msdt:/id', 'https://u:p@a.de', 'x']) {
      expect(safeExternalUrl(bad), bad).toBeUndefined();
    }
  });
});
