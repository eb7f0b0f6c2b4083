import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannel, methodNames } from '@contract';
import type { EventListener, TresenApp } from '../../../main/app-context';
import type { Logger } from '../../../main/runtime';
import { BrowserWindow, FakeWebContents, FakeWebFrame, ipcMain, ipcRenderer, resetFakeElectron } from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { registerIpc } = await import('../../../main/shell/ipc');
const { shellPaths } = await import('../../../main/shell/window');
const { createBridge } = await import('../../../preload/bridge');
const { createApp } = await import('../../../main/app');

const paths = shellPaths('/opt/tresen');
const silent = (): Logger & { warnings: unknown[][] } => {
  const warnings: unknown[][] = [];
  return { info: () => {}, warn: (...a) => void warnings.push(a), error: (...a) => void warnings.push(a), warnings };
};

/** The boundary the transport needs; the listener is kept to push events. */
function recordingApp(answer: (method: string, input: unknown) => unknown = () => ({ ok: true, value: 'v' })) {
  const calls: Array<{ method: string; input: unknown }> = [];
  let listener: EventListener | null = null;
  const app: Pick<TresenApp, 'dispatch' | 'subscribe'> = {
    dispatch: async (method, input) => {
      calls.push({ method, input });
      return answer(method, input) as never;
    },
    subscribe: (fn) => {
      listener = fn;
      return () => (listener = null);
    },
  };
  return { app, calls, emit: (event: string, payload: unknown) => listener?.(event as never, payload as never), hasListener: () => !!listener };
}

function loadedWindow() {
  const win = new BrowserWindow({});
  win.webContents.navigate(paths.rendererUrl);
  return win;
}

beforeEach(() => resetFakeElectron());

describe('IPC handlers', () => {
  it('registers one handler per contract method and removes them all on dispose', () => {
    const { app } = recordingApp();
    const win = loadedWindow();
    const dispose = registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    // Registering again works (Electron throws on a second handler for a channel).
    registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
    expect(ipcMain.handlers.size).toBe(methodNames.length);
  });

  it('forwards a call from the window to dispatch and answers its envelope', async () => {
    const { app, calls } = recordingApp((method) => ({ ok: true, value: { echoed: method } }));
    const win = loadedWindow();
    registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
    const answer = await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, ipcChannel('contacts.list'), { search: 'anna' });
    expect(answer).toEqual({ ok: true, value: { echoed: 'contacts.list' } });
    expect(calls).toEqual([{ method: 'contacts.list', input: { search: 'anna' } }]);
  });

  it('calls from the window carry one session of main, whose profile the renderer cannot name', async () => {
    const sessions: unknown[] = [];
    const app: Pick<TresenApp, 'dispatch' | 'subscribe'> = {
      dispatch: async (_method, _input, session) => {
        sessions.push(session);
        return { ok: true, value: null };
      },
      subscribe: () => () => {},
    };
    const win = loadedWindow();
    registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
    await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, ipcChannel('profiles.current'), {});
    await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, ipcChannel('inbox.counts'), { profileId: 1 });
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toBe(sessions[1]);
    expect(sessions[0]).toMatchObject({ profileId: null });
  });

  it('refuses a call from a foreign page, another webContents, a subframe or a gone frame', async () => {
    const { app, calls } = recordingApp();
    const win = loadedWindow();
    const logger = silent();
    registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger });
    const channel = ipcChannel('app.info');

    const foreignFrame = new FakeWebFrame('https://evil.example/');
    const other = new FakeWebContents();
    other.navigate(paths.rendererUrl);
    const subframe = new FakeWebFrame(paths.rendererUrl, win.webContents.mainFrame);

    for (const [sender, frame] of [
      [win.webContents, foreignFrame],
      [other, other.mainFrame],
      [win.webContents, subframe],
      [win.webContents, null],
    ] as const) {
      const answer = (await ipcMain.invokeFrom(sender, frame, channel, {})) as { ok: boolean; error: { code: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.code).toBe('forbidden');
    }
    expect(calls).toEqual([]);
    expect(logger.warnings).toHaveLength(4);
    expect(logger.warnings[0]?.[1]).toMatchObject({ method: 'app.info', reason: 'foreign page' });
  });

  it('refuses calls once the window is gone', async () => {
    const { app, calls } = recordingApp();
    const win = loadedWindow();
    registerIpc({ app, getWindow: () => null, rendererUrl: paths.rendererUrl, logger: silent() });
    const answer = (await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, ipcChannel('app.info'), {})) as {
      ok: boolean;
    };
    expect(answer.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('answers an internal error envelope when dispatch throws, instead of rejecting', async () => {
    const { app } = recordingApp(() => {
      throw new Error('boom');
    });
    const win = loadedWindow();
    registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
    const answer = await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, ipcChannel('app.info'), {});
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error.' } });
  });

  it('pushes app events to the window until disposed', () => {
    const { app, emit, hasListener } = recordingApp();
    const win = loadedWindow();
    const dispose = registerIpc({ app, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
    emit('channel.state', { kind: 'simulator', state: 'connected' });
    expect(win.webContents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, message: { event: 'channel.state', payload: { kind: 'simulator', state: 'connected' } } },
    ]);
    win.webContents.destroyed = true;
    emit('channel.state', { kind: 'simulator', state: 'starting' });
    expect(win.webContents.sent).toHaveLength(1);
    dispose();
    expect(hasListener()).toBe(false);
  });
});

describe('preload bridge over IPC with the real app', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('calls the app and receives its events through window.tresen', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tresen-ipc-'));
    const tresenApp = await createApp({ dataDir: dir, demo: true, version: '1.2.3', logger: silent() });
    try {
      const win = loadedWindow();
      const dispose = registerIpc({ app: tresenApp, getWindow: () => win as never, rendererUrl: paths.rendererUrl, logger: silent() });
      ipcRenderer.host = win.webContents;
      const tresen = createBridge(ipcRenderer);

      const info = await tresen.app.info({});
      expect(info).toMatchObject({ ok: true, value: { version: '1.2.3', demo: true } });

      // Errors arrive as envelopes, not rejections.
      const bad = await tresen.contacts.get({ contactId: 'x' as never });
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });

      // Whatever the app emits (consent request, the customer's message ...)
      // reaches the page's listener unchanged.
      const direct: unknown[] = [];
      const stopDirect = tresenApp.subscribe((event, payload) => {
        if (event === 'message.added') direct.push(payload);
      });
      const added: unknown[] = [];
      const off = tresen.on('message.added', (m) => added.push(m));
      const sent = await tresen.sim.send({ phone: '+49 151 12345678', text: 'Hallo, ist die Reparatur fertig?' });
      expect(sent).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(added.length).toBeGreaterThan(0));
      expect(added).toEqual(direct);
      off();
      stopDirect();
      dispose();
    } finally {
      await tresenApp.close();
    }
  });
});
