import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, methodNames } from '@contract';
import type { AppOptions } from '../../../main/app';
import type { EventListener, TresenApp } from '../../../main/app-context';
import type { Logger } from '../../../main/runtime';
import { BrowserWindow, Notification, Tray, app, dialog, ipcMain, protocol, resetFakeElectron } from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { runShell, parseDataDirArg, closeTimeoutFor, APP_USER_MODEL_ID } = await import('../../../main/shell/lifecycle');
const { createApp } = await import('../../../main/app');

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
let dir: string;

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tresen-shell-'));
  app.appPath = path.join(dir, 'app-root');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real app core, recording the options the shell chose and whether it was closed. */
function realApp() {
  const seen: { opts: AppOptions[]; closed: number } = { opts: [], closed: 0 };
  const create = async (opts: AppOptions): Promise<TresenApp> => {
    seen.opts.push(opts);
    const created = await createApp({ ...opts, logger: quiet });
    const close = created.close.bind(created);
    created.close = async () => {
      seen.closed++;
      await close();
    };
    return created;
  };
  return { create, seen };
}

async function started(createAppFn: (opts: AppOptions) => Promise<TresenApp>, argv = ['electron', '.', '--data-dir', path.join(dir, 'data')]) {
  const handle = runShell({ createApp: createAppFn, argv, logger: quiet, closeTimeoutMs: 2000 });
  app.becomeReady();
  await handle.ready;
  return { handle, win: BrowserWindow.instances[0]! };
}

describe('Electron main process', () => {
  it('quits at once when another instance holds the lock', async () => {
    app.lock = false;
    const { create, seen } = realApp();
    const handle = runShell({ createApp: create, argv: [], logger: quiet });
    app.becomeReady();
    await handle.ready;
    expect(handle.primary).toBe(false);
    expect(app.quitted).toBe(true);
    expect(seen.opts).toEqual([]);
    expect(BrowserWindow.instances).toEqual([]);
  });

  it('starts the simulator when no line is linked, with the data dir, window, IPC and tray', async () => {
    const { create, seen } = realApp();
    const { win } = await started(create);
    const dataDir = path.join(dir, 'data');
    expect(app.getPath('userData')).toBe(dataDir);
    expect(seen.opts).toEqual([
      // The app logs through the shell's logger, which also writes the log file.
      { dataDir, demo: true, sqliteNativeBinding: undefined, version: '9.9.9', logger: expect.objectContaining({ file: path.join(dataDir, 'logs', 'main.log') }) as unknown },
    ]);
    expect(win.loadedUrl).toBe('app://tresen/index.html');
    // The scheme is privileged before ready and served from the built renderer folder.
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ]);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(win.visible).toBe(true);
    expect((win.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());

    // The window's own call reaches the real app.
    const info = await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, ipcChannel('app.info'), {});
    expect(info).toMatchObject({ ok: true, value: { demo: true, version: '9.9.9' } });

    const tray = Tray.instances[0]!;
    expect(tray.menu!.template.map((i) => i.label ?? i.type)).toEqual(['Open Tresen', 'separator', 'Quit']);
  });

  it('speaks the system language known at ready (German tray), logs to a file and records unhandled errors there', async () => {
    app.locale = 'de-DE';
    const { create } = realApp();
    await started(create);
    expect(Tray.instances[0]!.menu!.template.map((i) => i.label ?? i.type)).toEqual(['Tresen öffnen', 'separator', 'Beenden']);
    expect(app.appUserModelId).toBeNull();
    const logFile = path.join(dir, 'data', 'logs', 'main.log');
    expect(readFileSync(logFile, 'utf8')).toContain('starting');
    process.emit('unhandledRejection', new Error('lost promise 4711'), Promise.resolve());
    expect(readFileSync(logFile, 'utf8')).toContain('lost promise 4711');
  });

  it('sets the Windows AppUserModelId before ready, so notifications show on Windows', () => {
    const handle = runShell({ createApp: realApp().create, argv: ['x', '--data-dir', path.join(dir, 'data')], logger: quiet, platform: 'win32' });
    expect(app.appUserModelId).toBe(APP_USER_MODEL_ID);
    expect(handle.primary).toBe(true);
  });

  it('starts with WhatsApp (demo off) when a session is linked', async () => {
    const dataDir = path.join(dir, 'data');
    mkdirSync(path.join(dataDir, 'whatsapp-session'), { recursive: true });
    writeFileSync(path.join(dataDir, 'whatsapp-session', 'Default'), '');
    const { create, seen } = realApp();
    await started(create);
    expect(seen.opts[0]).toMatchObject({ dataDir, demo: false });
  });

  it('uses userData when no --data-dir is given', async () => {
    app.paths.userData = path.join(dir, 'userData');
    const { create, seen } = realApp();
    await started(create, ['electron', '.']);
    expect(seen.opts[0]?.dataDir).toBe(path.join(dir, 'userData'));
  });

  it('hides to the tray on close, comes back for a second instance, and quits cleanly', async () => {
    const { create, seen } = realApp();
    const { win } = await started(create);
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.visible).toBe(false);

    app.emit('second-instance', {}, [], '');
    expect(win.visible).toBe(true);
    expect(win.isFocused()).toBe(true);

    // Quit from the tray: held until the app has closed, then done.
    const quitItem = Tray.instances[0]!.menu!.template.find((i) => i.label === 'Quit')!;
    (quitItem.click as () => void)();
    expect(app.quitted).toBe(false);
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(seen.closed).toBe(1);
    expect(ipcMain.handlers.size).toBe(0);
    expect(Tray.instances[0]!.destroyed).toBe(true);
  });

  it('closing the window quits when there is no tray', async () => {
    Tray.failNext = true;
    const { create, seen } = realApp();
    const { win } = await started(create);
    win.close();
    expect(win.isDestroyed()).toBe(true);
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(seen.closed).toBe(1);
  });

  it('quits even when closing the app hangs', async () => {
    const { create } = realApp();
    const hanging = async (opts: AppOptions) => {
      const a = await create(opts);
      const close = a.close.bind(a);
      a.close = () => new Promise<void>(() => void close());
      return a;
    };
    runShell({ createApp: hanging, argv: ['x', '--data-dir', path.join(dir, 'data')], logger: quiet, closeTimeoutMs: 50 });
    app.becomeReady();
    await vi.waitFor(() => expect(BrowserWindow.instances[0]?.loadedUrl).toBeTruthy());
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  it('shows the error and quits when the app cannot start', async () => {
    const { handle } = { handle: runShell({ createApp: () => Promise.reject(new Error('database is locked')), argv: [], logger: quiet }) };
    app.becomeReady();
    await handle.ready;
    expect(dialog.errors).toEqual([{ title: 'Tresen could not start', content: 'database is locked' }]);
    expect(app.quitted).toBe(true);
  });
});

describe('desktop notifications', () => {
  /** An app whose events the test drives. */
  function eventApp(consent: 'granted' | 'none') {
    let listener: EventListener | null = null;
    const fake: TresenApp = {
      demo: true,
      channel: null as never,
      dispatch: async (method) =>
        method === 'contacts.get'
          ? {
              ok: true,
              value: {
                id: 7,
                phone: '+4915112345678',
                name: 'Anna Berg',
                pushName: null,
                consent: { service: consent, marketing: 'none', serviceSince: null, marketingSince: null },
              },
            }
          : { ok: false, error: { code: 'not_found', message: '' } },
      subscribe: (fn) => {
        listener = fn;
        return () => (listener = null);
      },
      close: async () => {},
    };
    const emit = (event: string, payload: unknown) => listener?.(event as never, payload as never);
    return { fake, emit };
  }
  const inbound = { id: 1, contactId: 7, direction: 'in', type: 'text', body: 'Ist mein Rad fertig?', author: 'customer' };

  it('notifies about an inbound message while the window is not focused, and a click shows the window', async () => {
    const { fake, emit } = eventApp('granted');
    const { win } = await started(async () => fake);
    win.hide();
    emit('message.added', inbound);
    await vi.waitFor(() => expect(Notification.instances).toHaveLength(1));
    const n = Notification.instances[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toMatchObject({ title: 'New message from Anna Berg', body: 'Ist mein Rad fertig?' });
    n.emit('click');
    expect(win.visible).toBe(true);
  });

  it('stays silent while the window is focused, for outbound messages and other events', async () => {
    const { fake, emit } = eventApp('granted');
    const { win } = await started(async () => fake);
    win.focus();
    emit('message.added', inbound);
    win.hide();
    emit('message.added', { ...inbound, direction: 'out', author: 'staff' });
    emit('message.updated', inbound);
    await new Promise((r) => setTimeout(r, 20));
    expect(Notification.instances).toHaveLength(0);
  });

  it('does not preview the text of someone without consent', async () => {
    const { fake, emit } = eventApp('none');
    app.locale = 'de-DE';
    const { win } = await started(async () => fake);
    win.hide();
    emit('message.added', inbound);
    await vi.waitFor(() => expect(Notification.instances).toHaveLength(1));
    expect(Notification.instances[0]!.options).toMatchObject({ title: 'Neue Nachricht von Anna Berg', body: 'Wartet auf Einwilligung' });
  });
});

describe('how long quitting waits', () => {
  it('waits as long as the line says its clean stop may take, never less than 10 s', async () => {
    const { WhatsAppChannel } = await import('../../../main/channels/whatsapp/whatsapp-channel');
    const clock = { now: () => Date.now() };
    const { Pacer } = await import('../../../main/core/pacing');
    const wa = new WhatsAppChannel({ dataDir: dir, logger: quiet, clock, pacing: new Pacer({ perSecond: 1, perMinute: 10, announcementsPerMinute: 1 }, clock) });
    // Default deadlines: a send (60 s), the inbound drain (30 s), closing the browser (15 s).
    expect(closeTimeoutFor({ channel: wa })).toBeGreaterThanOrEqual(60_000 + 30_000 + 15_000);
    expect(closeTimeoutFor({ channel: {} })).toBe(10_000);
  });
});

describe('parseDataDirArg', () => {
  it('reads both spellings and resolves the path', () => {
    expect(parseDataDirArg(['electron', '.'])).toBeUndefined();
    expect(parseDataDirArg(['x', '--data-dir', '/tmp/a'])).toBe(path.resolve('/tmp/a'));
    expect(parseDataDirArg(['x', '--data-dir=rel/b'])).toBe(path.resolve('rel/b'));
    expect(parseDataDirArg(['x', '--data-dir'])).toBeUndefined();
  });
});
