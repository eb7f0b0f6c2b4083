import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLocalApi, LOCAL_API_SETTING } from '../../../main/shell/local-api';
import type { AppSource } from '../../../main/api/server';
import { silentLogger, useTempDirs } from '../../helpers/temp-dir';
import { useTestApps } from '../../helpers/running-app';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('the local API of the Electron app', () => {
  it('is off until switched on; then only API keys open it (no page, no start token); off closes the port', async () => {
    const running = await startApp();
    const source: AppSource = { current: running.app, dispatch: running.app.dispatch, subscribe: running.app.subscribe };
    const api = createLocalApi({ source, logger: silentLogger });
    expect(await api.applySaved()).toMatchObject({ enabled: false, running: false, controllable: true });

    const port = await freePort();
    const on = await api.update({ enabled: true, port });
    expect(on).toMatchObject({ enabled: true, running: true, port, error: null });
    expect(running.app.context.store.settings.get(LOCAL_API_SETTING)).toEqual({ enabled: true, port });

    const created = await running.app.dispatch('keys.create', { name: 'Kasse', scope: 'integration' });
    const key = (created as { value: { key: string } }).value.key;
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/api/v1/conversations`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await fetch(`${base}/api/v1/conversations`, { headers: { Authorization: `Bearer ${running.server.token}` } })).status).toBe(401);
    expect((await fetch(`${base}/api/v1/conversations`)).status).toBe(401);
    // No page is served here.
    expect((await fetch(`${base}/`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(404);

    const off = await api.update({ enabled: false });
    expect(off).toMatchObject({ enabled: false, running: false });
    await expect(fetch(`${base}/api/v1/conversations`, { headers: { Authorization: `Bearer ${key}` } })).rejects.toThrow();
    await api.close();
  });

  it('a taken port is reported, not thrown; the switch is kept and applied again at the next start', async () => {
    const running = await startApp();
    const source: AppSource = { current: running.app, dispatch: running.app.dispatch, subscribe: running.app.subscribe };
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as { port: number }).port;
    const api = createLocalApi({ source, logger: silentLogger });
    const view = await api.update({ enabled: true, port: taken });
    expect(view).toMatchObject({ enabled: true, running: false, error: `port ${taken} is in use` });
    await new Promise<void>((r) => blocker.close(() => r()));

    // The next start (a new controller on the same store) starts it.
    const again = createLocalApi({ source, logger: silentLogger });
    expect(await again.applySaved()).toMatchObject({ enabled: true, running: true, port: taken, error: null });
    await again.close();
    await api.close();
  });

  it('moving the port restarts the server on the new one', async () => {
    const running = await startApp();
    const source: AppSource = { current: running.app, dispatch: running.app.dispatch, subscribe: running.app.subscribe };
    const api = createLocalApi({ source, logger: silentLogger });
    const a = await freePort();
    await api.update({ enabled: true, port: a });
    const b = await freePort();
    expect(await api.update({ port: b })).toMatchObject({ running: true, port: b });
    await expect(fetch(`http://127.0.0.1:${a}/api/v1/openapi.json`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${b}/api/v1/openapi.json`)).status).toBe(401);
    await api.close();
  });
});
