import { IPC_EVENT_CHANNEL, eventNames, ipcChannel, methodNames } from '@contract';
import type { TresenBridge } from './types';

/**
 * Builds window.tresen from the contract. Kept free of the electron import so
 * it can be tested with any object that behaves like ipcRenderer.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const knownEvents = new Set<string>(eventNames);

export function createBridge(ipc: IpcRendererLike): TresenBridge {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>> | unknown> = {};

  for (const name of methodNames) {
    // Split at the first dot, as the renderer's IPC transport does.
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    const fn = name.slice(dot + 1);
    const group = (api[ns] ??= {}) as Record<string, (input: unknown) => Promise<unknown>>;
    const channel = ipcChannel(name);
    group[fn] = (input: unknown) => ipc.invoke(channel, input);
  }

  // One IPC listener for all events; subscribers are kept here so the renderer
  // never sees the IpcRendererEvent (it would expose `sender`).
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const onMessage = (_event: unknown, message: unknown): void => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const fn of [...(listeners.get(event) ?? [])]) {
      try {
        fn(payload);
      } catch (err) {
        console.error('tresen event listener failed', event, err);
      }
    }
  };
  let attached = false;

  api.on = (event: unknown, fn: unknown): (() => void) => {
    if (typeof event !== 'string' || !knownEvents.has(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof fn !== 'function') throw new TypeError('Listener must be a function');
    const listener = fn as (payload: unknown) => void;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    if (!attached) {
      ipc.on(IPC_EVENT_CHANNEL, onMessage);
      attached = true;
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(event);
      if (listeners.size === 0 && attached) {
        ipc.removeListener(IPC_EVENT_CHANNEL, onMessage);
        attached = false;
      }
    };
  };

  return api as TresenBridge;
}
