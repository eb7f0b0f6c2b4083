import type { EventName, MethodName } from '@contract';
import { ApiError } from '@contract/errors';
import type { Transport } from './client';

/**
 * What preload exposes as window.tresen: `tresen[ns][fn](input)` resolving with
 * the raw envelope, and `on(event, fn)` returning an unsubscribe. Declared
 * structurally so the renderer does not depend on preload's source.
 */
export interface PreloadBridge {
  on(event: string, fn: (payload: unknown) => void): () => void;
  [ns: string]: unknown;
}

export const getBridge = (): PreloadBridge | undefined => {
  const candidate = (globalThis as { tresen?: unknown }).tresen;
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as PreloadBridge).on === 'function'
    ? (candidate as PreloadBridge)
    : undefined;
};

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    request(method: MethodName, input: unknown) {
      const dot = method.indexOf('.');
      const ns = bridge[method.slice(0, dot)] as Record<string, unknown> | undefined;
      const fn = ns?.[method.slice(dot + 1)];
      if (typeof fn !== 'function') {
        return Promise.reject(new ApiError('unknown_method', `Unknown method ${method}`));
      }
      return Promise.resolve((fn as (i: unknown) => unknown)(input));
    },
    subscribe(event: EventName, fn) {
      return bridge.on(event, fn);
    },
    // IPC lives as long as the window; there is nothing to reconnect.
    onConnection: () => () => {},
    connection: () => 'open',
  };
}
