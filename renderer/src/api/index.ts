import { createClient } from './client';
import type { ApiClient } from './client';
import { createIpcTransport, getBridge } from './ipc-transport';
import { createWsTransport, probeServer, takeToken, windowKey, wsUrl } from './ws-transport';

/** Electron when preload exposed window.tresen; otherwise the serve-mode WebSocket. */
function createDefaultClient(): ApiClient {
  const bridge = getBridge();
  if (bridge) return createClient(createIpcTransport(bridge));
  const token = takeToken(window.location, window.sessionStorage, window.history);
  return createClient(
    createWsTransport({ url: wsUrl(window.location, token, windowKey(window.sessionStorage)), probe: () => probeServer(token) }),
  );
}

export const api: ApiClient = createDefaultClient();
export { ApiError } from '@contract/errors';
export type { ApiClient, ConnectionState } from './client';
