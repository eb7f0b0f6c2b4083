import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, eventNames, ipcChannel, methodNames } from '@contract';
import { contextBridge, ipcRenderer, resetFakeElectron } from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

type Bridge = Record<string, unknown> & { on: (event: string, fn: (payload: unknown) => void) => () => void };

// Run the real preload entry once, as Electron does for a page.
await import('../../../preload/index');
const exposedKeys = Object.keys(contextBridge.exposed);
const preloaded = contextBridge.exposed.tresen as Bridge;
const runPreload = async (): Promise<Bridge> => preloaded;
const realInvoke = ipcRenderer.invoke;

/** Records what reaches ipcMain instead of answering from an app. */
function captureInvokes() {
  const invoked: Array<{ channel: string; input: unknown }> = [];
  ipcRenderer.invoke = (channel: string, ...args: unknown[]) => {
    invoked.push({ channel, input: args[0] });
    return Promise.resolve({ ok: false, error: { code: 'not_found', message: 'No such contact.' } });
  };
  return invoked;
}

const fnAt = (bridge: Bridge, method: string) => {
  const dot = method.indexOf('.');
  return (bridge[method.slice(0, dot)] as Record<string, unknown> | undefined)?.[method.slice(dot + 1)];
};

const pushEvent = (event: string, payload: unknown) => ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event, payload });

beforeEach(() => resetFakeElectron());
afterEach(() => {
  ipcRenderer.invoke = realInvoke;
});

describe('preload', () => {
  it('exposes window.tresen with exactly one function per contract method, plus on', async () => {
    const bridge = await runPreload();
    expect(exposedKeys).toEqual(['tresen']);
    const exposed = Object.entries(bridge)
      .filter(([k]) => k !== 'on')
      .flatMap(([ns, group]) => Object.entries(group as Record<string, unknown>).map(([fn, f]) => [`${ns}.${fn}`, typeof f]));
    expect(exposed.map(([name]) => name).sort()).toEqual([...methodNames].sort());
    expect(exposed.every(([, type]) => type === 'function')).toBe(true);
    expect(typeof bridge.on).toBe('function');
  });

  it('invokes the method channel with the input and resolves with the raw envelope', async () => {
    const invoked = captureInvokes();
    const bridge = await runPreload();
    for (const name of methodNames) {
      const fn = fnAt(bridge, name) as (input: unknown) => Promise<unknown>;
      // An error envelope resolves: Error subclasses would lose their shape over contextBridge.
      await expect(fn({ probe: name })).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'No such contact.' } });
    }
    expect(invoked).toEqual(methodNames.map((name) => ({ channel: ipcChannel(name), input: { probe: name } })));
  });

  it('on() delivers only its event and its unsubscribe really unsubscribes', async () => {
    const bridge = await runPreload();
    const [first, second] = eventNames;
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bridge.on(first!, (p) => a.push(p));
    const offB = bridge.on(second!, (p) => b.push(p));
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);

    pushEvent(first!, { n: 1 });
    pushEvent(second!, { n: 2 });
    pushEvent('not.an.event', { n: 3 });
    expect(a).toEqual([{ n: 1 }]);
    expect(b).toEqual([{ n: 2 }]);

    offA();
    pushEvent(first!, { n: 4 });
    expect(a).toEqual([{ n: 1 }]);
    offA(); // twice is harmless
    offB();
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    pushEvent(second!, { n: 5 });
    expect(b).toEqual([{ n: 2 }]);
  });

  it('on() refuses names outside the contract and non-function listeners', async () => {
    const bridge = await runPreload();
    expect(() => bridge.on('tresen:anything', () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on('__proto__', () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on(eventNames[0]!, 'x' as never)).toThrow(/function/);
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('a throwing listener does not stop the others', async () => {
    const bridge = await runPreload();
    const seen: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const offBad = bridge.on(eventNames[0]!, () => {
      throw new Error('listener bug');
    });
    const offGood = bridge.on(eventNames[0]!, (p) => seen.push(p));
    pushEvent(eventNames[0]!, 1);
    expect(seen).toEqual([1]);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    offBad();
    offGood();
  });
});
