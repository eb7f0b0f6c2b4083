import { describe, expect, it } from 'vitest';
import { useTestApps } from '../../helpers/running-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const start = useTestApps(tempDir);

describe('backups over the local API', () => {
  it('POST /api/v1/backups makes one (201) and GET lists it', async () => {
    const { app, server, origin } = await start();
    const auth = { Authorization: `Bearer ${server.token}` };
    const refused = await fetch(`${origin}/api/v1/backups`, { method: 'POST', headers: auth });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'conflict' });

    await app.dispatch('backup.configure', { folder: tempDir(), keepDays: 7, enabled: true });
    const made = await fetch(`${origin}/api/v1/backups`, { method: 'POST', headers: auth });
    expect(made.status).toBe(201);
    const info = (await made.json()) as { id: number; name: string; size: number; createdAt: string };
    expect(info).toMatchObject({ id: expect.any(Number), name: expect.stringMatching(/^tresen-\d{8}-\d{6}\.tresenbak$/), size: expect.any(Number) });
    expect(Date.parse(info.createdAt)).not.toBeNaN();

    const list = await fetch(`${origin}/api/v1/backups`, { headers: auth });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([{ ...info, trigger: 'manual', present: true }]);
    expect((await fetch(`${origin}/api/v1/backups`)).status).toBe(401);
  });
});
