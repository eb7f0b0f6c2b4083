import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { protocol, resetFakeElectron } from '../../fakes/electron';
import { useTempDirs } from '../../helpers/temp-dir';

vi.mock('electron', () => import('../../fakes/electron'));

const { appResponse, registerAppScheme, resolveAppFile, serveAppProtocol } = await import('../../../main/shell/app-protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../main/contract/csp');

const tempDir = useTempDirs();
beforeEach(() => resetFakeElectron());

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }]);
  });

  it('serves the built renderer with the CSP header from the one source', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tresen</title>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
    serveAppProtocol(dir);
    const handler = protocol.handlers.get('app')!;
    const page = await handler({ url: 'app://tresen/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Tresen');
    const js = await appResponse('app://tresen/assets/a.js', dir);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await appResponse('app://tresen/missing.js', dir)).status).toBe(404);
  });

  it('reaches no file outside the renderer folder and no other host', () => {
    const dir = '/opt/tresen/dist/renderer';
    expect(resolveAppFile('app://tresen/', dir)).toBe(join(dir, 'index.html'));
    for (const bad of ['app://tresen/../../etc/passwd', 'app://tresen/%2e%2e/%2e%2e/etc/passwd', 'app://tresen/..%2f..%2fsecret', 'app://other/index.html', 'file:///etc/passwd', 'app://tresen/%E0%A4%A']) {
      const file = resolveAppFile(bad, dir);
      expect(file === null || file.startsWith(`${dir}/`), bad).toBe(true);
    }
    expect(resolveAppFile('app://other/index.html', dir)).toBeNull();
  });
});
