import { describe, expect, it } from 'vitest';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { useTestApps } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);
const SUB = '+4915112345678';
const SERVICE_ONLY = '+4915187654321';
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function setup() {
  const { origin, server, app } = await startApp();
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const req = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${origin}${path}`, { method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const say = async (phone: string, ...texts: string[]) => {
    for (const text of texts) await app.dispatch('sim.send', { phone, text });
  };
  return { app, origin, req, say, sim: app.channel as SimulatorChannel };
}

describe('local HTTP API: announcements', () => {
  it('needs the token', async () => {
    const { origin } = await setup();
    expect((await fetch(`${origin}/api/v1/announcements`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('create → 201 with recipients and skipped; send → 202; a second send → 409 unless the same Idempotency-Key; GET counts', async () => {
    const { req, say, sim } = await setup();
    await say(SUB, 'START', 'JA', 'NEWSLETTER', 'JA');
    await say(SERVICE_ONLY, 'START', 'JA');

    const created = await req('POST', '/api/v1/announcements', { text: 'Hallo {name}, neue Räder sind da!', media: { data: PNG, mime: 'image/png' } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(String), recipients: [SUB], skipped: [{ phone: SERVICE_ONLY, reason: 'no_marketing_consent' }] });
    const id = created.json.id as string;

    expect((await req('GET', `/api/v1/announcements/${id}`)).json).toMatchObject({ state: 'draft', sent: 0, pending: 1, skipped: 1, failed: 0 });
    const sent = await req('POST', `/api/v1/announcements/${id}/send`, undefined, { 'idempotency-key': 'k-1' });
    expect(sent.status).toBe(202);
    expect((await req('POST', `/api/v1/announcements/${id}/send`, undefined, { 'idempotency-key': 'k-1' })).status).toBe(202);
    const again = await req('POST', `/api/v1/announcements/${id}/send`);
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('conflict');

    const done = await eventually(async () => {
      const r = await req('GET', `/api/v1/announcements/${id}`);
      return r.json.state === 'done' ? r.json : undefined;
    });
    expect(done).toEqual({ state: 'done', sent: 1, pending: 0, skipped: 1, failed: 0, skippedRecipients: [{ phone: SERVICE_ONLY, reason: 'no_marketing_consent' }] });
    const msg = await eventually(() => sim.phone(SUB).find((m) => m.direction === 'out' && m.media));
    expect(msg.text).toContain('Hallo, neue Räder sind da!');
    expect(msg.media?.mime).toBe('image/png');
  });

  it('bad input is a named 400 and writes nothing; unknown ids 404; pause/resume/cancel answer the state', async () => {
    const { app, req } = await setup();
    const count = () => (app.context.store.db.prepare('SELECT count(*) AS n FROM announcements').get() as { n: number }).n;
    expect((await req('POST', '/api/v1/announcements', { text: '' })).json).toMatchObject({ error: 'validation', field: 'text' });
    expect((await req('POST', '/api/v1/announcements', { text: 'x', blast: true })).json).toMatchObject({ error: 'validation', field: 'blast' });
    expect((await req('POST', '/api/v1/announcements', { text: 'x', sendAt: 'morgen' })).status).toBe(400);
    expect((await req('POST', '/api/v1/announcements', { text: 'x', media: { data: PNG, mime: 'application/pdf' } })).status).toBe(400);
    expect(count()).toBe(0);
    expect((await req('GET', '/api/v1/announcements/00000000-0000-0000-0000-000000000000')).status).toBe(404);

    const { json } = await req('POST', '/api/v1/announcements', { text: 'x', sendAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await req('POST', `/api/v1/announcements/${json.id}/send`)).status).toBe(409);
    expect((await req('POST', `/api/v1/announcements/${json.id}/pause`)).json.state).toBe('paused');
    expect((await req('POST', `/api/v1/announcements/${json.id}/resume`)).json.state).toBe('scheduled');
    expect((await req('POST', `/api/v1/announcements/${json.id}/cancel`)).json.state).toBe('cancelled');
    expect((await req('POST', `/api/v1/announcements/${json.id}/resume`)).status).toBe(409);
  });
});
