import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wwebjs from 'whatsapp-web.js';
import type { ClientOptions } from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'puppeteer-core';
import { buildClientOptions, containPageHandlers, createRealClient, sessionDir, webCacheDir, type PageHandlers } from '../../../../main/channels/whatsapp/client-options';

describe('the real whatsapp-web.js Client', () => {
  it('is constructed (not initialized) with the configured options', () => {
    const dataDir = '/tmp/tresen-data';
    const client = createRealClient({ dataDir, clientId: 'tresen', executablePath: '/usr/bin/chromium', runningAsRoot: false });
    expect(client).toBeInstanceOf(wwebjs.Client);
    const o = (client as unknown as { options: ClientOptions }).options;
    expect(o.authStrategy).toBeInstanceOf(wwebjs.LocalAuth);
    const auth = o.authStrategy as unknown as { clientId: string; dataPath: string };
    expect(auth.clientId).toBe('tresen');
    expect(auth.dataPath).toBe(join(dataDir, 'whatsapp-session'));
    expect(o.webVersionCache).toEqual({ type: 'local', path: join(dataDir, 'whatsapp-web-cache') });
    expect(o.puppeteer).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true });
    expect(o.puppeteer?.args).toContain('--no-first-run');
    expect(o.puppeteer?.args).not.toContain('--no-sandbox');
    // Nothing was launched.
    expect(client.pupBrowser).toBeNull();
  });

  it('leaves closing Chrome to Tresen: puppeteer does not kill it on a signal mid-write', () => {
    const o = buildClientOptions({ dataDir: '/d', clientId: 'x', executablePath: '/c' });
    expect(o.puppeteer).toMatchObject({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  });

  it('asks for the WhatsApp Web version it saved last, so the saved page is used', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-webcache-'));
    try {
      expect(buildClientOptions({ dataDir, clientId: 'x', executablePath: '/c' }).webVersion).toBeUndefined();
      mkdirSync(webCacheDir(dataDir), { recursive: true });
      writeFileSync(join(webCacheDir(dataDir), '2.3000.1010.html'), '<html>');
      utimesSync(join(webCacheDir(dataDir), '2.3000.1010.html'), new Date(2026, 0, 1), new Date(2026, 0, 1));
      writeFileSync(join(webCacheDir(dataDir), '2.3000.1020.html'), '<html>');
      expect(buildClientOptions({ dataDir, clientId: 'x', executablePath: '/c' }).webVersion).toBe('2.3000.1020');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('turns the sandbox off only when running as root', () => {
    const o = buildClientOptions({ dataDir: '/d', clientId: 'x', executablePath: '/c', runningAsRoot: true });
    expect(o.puppeteer?.args).toContain('--no-sandbox');
    expect(sessionDir('/d')).toBe(join('/d', 'whatsapp-session'));
    expect(webCacheDir('/d')).toBe(join('/d', 'whatsapp-web-cache'));
  });

  it('rejects a clientId LocalAuth cannot use', () => {
    expect(() => buildClientOptions({ dataDir: '/d', clientId: 'bad id/..', executablePath: '/c' })).toThrow(/Invalid clientId/);
  });
});

describe('the library\'s page handlers', () => {
  it('a page read that fails because the browser closed is logged, not left as an unhandled rejection', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-handlers-'));
    try {
      // The real Client's initWebVersionCache on an empty page cache registers its async 'response' handler.
      const client = createRealClient({ dataDir, clientId: 'tresen', executablePath: '/usr/bin/chromium', runningAsRoot: false }) as unknown as PageHandlers;
      const page = new EventEmitter<Record<string, unknown>>();
      client.pupPage = page;
      const warnings: unknown[] = [];
      containPageHandlers(client, { info: () => {}, warn: (...a: unknown[]) => warnings.push(a), error: () => {} });
      await client.initWebVersionCache!();
      expect(page.listenerCount('response')).toBe(1);
      // page.on is the page's own again afterwards.
      expect(Object.prototype.hasOwnProperty.call(page, 'on')).toBe(false);

      let read!: () => void;
      const reading = new Promise<void>((r) => (read = r));
      page.emit('response', {
        ok: () => true,
        url: () => 'https://web.whatsapp.com/',
        text: () => {
          read();
          return Promise.reject(new Error('Protocol error (Network.getResponseBody): Target closed'));
        },
      });
      await reading;
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings).toEqual([['whatsapp: a page handler failed', { event: 'response', error: expect.stringContaining('Target closed') }]]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
