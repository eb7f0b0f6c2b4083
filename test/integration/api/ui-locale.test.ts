import { describe, expect, it } from 'vitest';
import { connectWs, startTestApp, useTestApps } from '../../helpers/running-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

describe("the staff's UI language", () => {
  it('is unset at first, stored in the app settings, and survives a restart of the app on the same data', async () => {
    const dir = tempDir();
    const first = await startTestApp(dir);
    expect(await first.app.dispatch('ui.getLocale', {})).toEqual({ ok: true, value: { locale: null } });
    expect(await first.app.dispatch('ui.setLocale', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en' } });
    // A browser in serve mode sees what the Electron window chose.
    const ws = await connectWs(first.server);
    expect(await ws.call('ui.getLocale', {})).toMatchObject({ ok: true, value: { locale: 'en' } });
    ws.close();
    await first.close();

    const again = await startApp({ dataDir: dir });
    expect(await again.app.dispatch('ui.getLocale', {})).toEqual({ ok: true, value: { locale: 'en' } });
  });

  it('refuses a language Tresen does not speak and keeps the stored one', async () => {
    const { app } = await startApp();
    await app.dispatch('ui.setLocale', { locale: 'de' });
    const r = await app.dispatch('ui.setLocale', { locale: 'fr' } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await app.dispatch('ui.getLocale', {})).toEqual({ ok: true, value: { locale: 'de' } });
  });
});
