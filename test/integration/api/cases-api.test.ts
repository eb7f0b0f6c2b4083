import { describe, expect, it } from 'vitest';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { useTestApps } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);
const PHONE = '+4915112345678';

async function setup() {
  const running = await startApp();
  const { origin, server, app } = running;
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const req = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = res.headers.get('content-type') ?? '';
    // Test-side JSON is read loosely; the assertions check its shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, json: type.includes('json') ? ((await res.json()) as Record<string, any>) : {}, res };
  };
  const count = () => (app.context.store.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  const sim = app.channel as SimulatorChannel;
  const consent = async () => {
    await app.dispatch('sim.send', { phone: PHONE, text: 'START' });
    await app.dispatch('sim.send', { phone: PHONE, text: 'JA' });
  };
  return { app, origin, req, count, sim, consent, token: server.token };
}

describe('local HTTP API: cases', () => {
  it('needs the token', async () => {
    const { origin } = await setup();
    expect((await fetch(`${origin}/api/v1/cases`)).status).toBe(401);
    expect((await fetch(`${origin}/api/v1/cases`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('POST creates a case for a number that never wrote: 201, no contact, nothing sent', async () => {
    const { app, req, sim } = await setup();
    const r = await req('POST', '/api/v1/cases', { type: 'repair', phone: '0151 12345678', reference: 'WWS-4711', promisedAt: '2030-01-10' });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: expect.any(String), number: expect.stringMatching(/^REP-\d{4}-0001$/), type: 'repair', status: 'received', phone: PHONE });
    expect(Object.keys(r.json)).toEqual(['id', 'number', 'type', 'status', 'phone']);
    expect(app.context.store.contacts.byPhone(PHONE)).toBeUndefined();
    expect(sim.phone(PHONE)).toEqual([]);
    const got = await req('GET', `/api/v1/cases/${r.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ reference: 'WWS-4711', promisedAt: '2030-01-10T22:59:59.999Z', contactId: null });
    expect(got.json.history).toEqual([expect.objectContaining({ from: null, to: 'received', actor: 'api' })]);
  });

  it('bad input: a clear 400 naming the field, and nothing written', async () => {
    const { req, count, origin, token } = await setup();
    const cases: [unknown, string][] = [
      [{ type: 'bicycle', phone: PHONE }, 'type'],
      [{ type: 'repair' }, 'phone'],
      [{ type: 'repair', phone: 'abc' }, 'phone'],
      [{ type: 'repair', phone: '+49 (0) 1' }, 'phone'],
      [{ type: 'repair', phone: '+4915112345678; DROP TABLE cases' }, 'phone'],
      [{ type: 'repair', phone: PHONE, colour: 'red' }, 'colour'],
      [{ type: 'repair', phone: PHONE, title: '<script>alert(1)</script>' }, 'title'],
      [{ type: 'repair', phone: PHONE, reference: '<img src=x onerror=alert(1)>' }, 'reference'],
      [{ type: 'repair', phone: PHONE, title: 'x'.repeat(201) }, 'title'],
      [{ type: 'repair', phone: PHONE, carrier: 'dhl' }, 'carrier'],
      [{ type: 'parcel', phone: PHONE, carrier: 'fedex' }, 'carrier'],
      [{ type: 'parcel', phone: PHONE, trackingNumber: '"><script>' }, 'trackingNumber'],
      [{ type: 'appointment', phone: PHONE }, 'appointmentAt'],
      [{ type: 'appointment', phone: PHONE, appointmentAt: '2020-01-01T10:00:00+01:00' }, 'appointmentAt'],
      [{ type: 'appointment', phone: PHONE, appointmentAt: '2030-01-01T10:00:00' }, 'appointmentAt'],
      [{ type: 'pickup', phone: PHONE, pickupUntil: '2020-01-01' }, 'pickupUntil'],
      [{ type: 'pickup', phone: PHONE, pickupUntil: '31.12.2030' }, 'pickupUntil'],
      [{ type: 'repair', phone: PHONE, status: 'delivered' }, 'status'],
    ];
    for (const [body, field] of cases) {
      const r = await req('POST', '/api/v1/cases', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json, JSON.stringify(body)).toMatchObject({ error: 'validation', field });
      expect(r.json.message).toContain(field);
    }
    // A 10 MB title never reaches the parser.
    const huge = await req('POST', '/api/v1/cases', { type: 'repair', phone: PHONE, title: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.json.error).toBe('payload_too_large');
    // Bodies must be JSON (no form posts from other pages), for PATCH as for POST.
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'text/plain' };
    const form = await fetch(`${origin}/api/v1/cases`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'repair', phone: PHONE }) });
    expect(form.status).toBe(415);
    const patch = await fetch(`${origin}/api/v1/cases/x`, { method: 'PATCH', headers: auth, body: '{"status":"ready"}' });
    expect(patch.status).toBe(415);
    expect(count()).toBe(0);
  });

  it('PATCH: forward skips, 409 with the allowed ones, back only with a note, fields updated, notify from the auto-send setting', async () => {
    const { app, req, sim, consent } = await setup();
    await consent();
    const { json: c } = await req('POST', '/api/v1/cases', { type: 'repair', phone: PHONE });
    const skip = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'ready' });
    expect(skip.status).toBe(200);
    expect(skip.json.notification).toEqual({ state: 'not_sent', reason: 'not_requested' });

    const back = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'diagnosing' });
    expect(back.status).toBe(400);
    expect(back.json).toMatchObject({ error: 'validation', field: 'note' });
    const corrected = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'diagnosing', note: 'Falsch gebucht' });
    expect(corrected.status).toBe(200);

    const conflict = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'collected' });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ error: 'conflict', allowed: ['waiting_for_parts', 'ready'] });
    const unknown = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'teleported' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.field).toBe('status');

    const fields = await req('PATCH', `/api/v1/cases/${c.id}`, { promisedAt: '2030-02-01T12:00:00+01:00' });
    expect(fields.status).toBe(200);
    expect(fields.json.case.promisedAt).toBe('2030-02-01T11:00:00.000Z');
    expect(fields.json.notification).toEqual({ state: 'not_sent', reason: 'unchanged' });
    const badField = await req('PATCH', `/api/v1/cases/${c.id}`, { pickupUntil: '2030-02-01' });
    expect(badField.json).toMatchObject({ error: 'validation', field: 'pickupUntil' });
    expect((await req('PATCH', `/api/v1/cases/${c.id}`, { id: 'other', status: 'ready' })).json.field).toBe('id');
    expect((await req('PATCH', '/api/v1/cases/00000000-0000-0000-0000-000000000000', { status: 'ready' })).status).toBe(404);

    // Auto-send on: the PATCH without "notify" sends.
    await app.dispatch('cases.updateSettings', { autoSend: { 'repair.ready': true } });
    const ready = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'ready' });
    expect(ready.json.notification).toMatchObject({ state: 'queued' });
    await eventually(() => sim.phone(PHONE).some((m) => m.direction === 'out' && m.text.includes(c.number)));
    // notify:false wins over the setting.
    const collected = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'collected', notify: false });
    expect(collected.json.notification).toEqual({ state: 'not_sent', reason: 'not_requested' });
    const hist = (await req('GET', `/api/v1/cases/${c.id}`)).json.history as { to: string; note: string | null }[];
    expect(hist.map((h) => h.to)).toEqual(['received', 'ready', 'diagnosing', 'ready', 'collected']);
    expect(hist[2]!.note).toBe('Falsch gebucht');
  });

  it('PATCH for a customer without consent: 200, the case changes, notification not_sent with the reason', async () => {
    const { req, sim } = await setup();
    const { json: c } = await req('POST', '/api/v1/cases', { type: 'parcel', phone: PHONE, carrier: 'dhl', trackingNumber: '00340434161234567890' });
    const r = await req('PATCH', `/api/v1/cases/${c.id}`, { status: 'in_transit', notify: true });
    expect(r.status).toBe(200);
    expect(r.json.case).toMatchObject({ status: 'in_transit', trackingLink: expect.stringContaining('piececode=00340434161234567890') });
    expect(r.json.notification).toEqual({ state: 'not_sent', reason: 'no_contact' });
    expect(sim.phone(PHONE)).toEqual([]);
  });

  it('GET list filters by phone, type and status, with cursor paging', async () => {
    const { req } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await req('POST', '/api/v1/cases', { type: 'repair', phone: PHONE })).json.id);
    await req('POST', '/api/v1/cases', { type: 'complaint', phone: '+4917012345678' });
    await req('PATCH', `/api/v1/cases/${ids[0]}`, { status: 'ready' });

    const page1 = await req('GET', `/api/v1/cases?phone=${encodeURIComponent('0151 12345678')}&type=repair&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.json.items).toHaveLength(2);
    expect(page1.json.next).toEqual(expect.any(String));
    const all: string[] = page1.json.items.map((c: { id: string }) => c.id);
    let next = page1.json.next as string | null;
    while (next) {
      const p = await req('GET', `/api/v1/cases?phone=${encodeURIComponent(PHONE)}&type=repair&limit=2&cursor=${next}`);
      all.push(...p.json.items.map((c: { id: string }) => c.id));
      next = p.json.next;
    }
    expect(all.sort()).toEqual([...ids].sort());
    expect((await req('GET', '/api/v1/cases?status=ready')).json.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect((await req('GET', '/api/v1/cases?type=complaint')).json.items).toHaveLength(1);
    expect((await req('GET', '/api/v1/cases?type=bicycle')).json).toMatchObject({ error: 'validation', field: 'type' });
    expect((await req('GET', '/api/v1/cases?cursor=nope')).json).toMatchObject({ error: 'validation', field: 'cursor' });
    expect((await req('GET', '/api/v1/cases?phone=x')).json).toMatchObject({ error: 'validation', field: 'phone' });
  });

  it('CSV import: preview with row errors, refused commit writes nothing, a clean commit creates and updates without notifying', async () => {
    const { app, req, count, sim, consent } = await setup();
    await consent();
    const { json: existing } = await req('POST', '/api/v1/cases', { type: 'pickup', phone: PHONE });
    const csv = [
      'Nummer;Typ;Telefon;Referenz;Status;Abholen bis',
      `${existing.number};pickup;${PHONE};WWS-1;ready;2030-03-01`,
      ';repair;0151 12345678;WWS-2;diagnosing;',
      'REP-2026-0042;repair;+4917012345678;WWS-3;ready;',
      ';bicycle;+4917012345678;WWS-4;;',
      ';repair;12;WWS-5;;',
      ';repair;+4917012345678;<script>x</script>;;',
    ].join('\r\n');
    const preview = await req('POST', '/api/v1/cases/import', { csv: `\uFEFF${csv}` });
    expect(preview.status).toBe(200);
    expect(preview.json.valid).toBe(3);
    expect(preview.json.invalid).toBe(3);
    expect(preview.json.errors).toEqual([
      expect.objectContaining({ row: 5, field: 'type' }),
      expect.objectContaining({ row: 6, field: 'phone' }),
      expect.objectContaining({ row: 7, field: 'reference' }),
    ]);
    expect(count()).toBe(1);

    const refused = await req('POST', '/api/v1/cases/import', { csv, commit: true });
    expect(refused.status).toBe(400);
    expect(count()).toBe(1);

    const outBefore = sim.phone(PHONE).length;
    const done = await req('POST', '/api/v1/cases/import', { csv, commit: true, skipInvalid: true });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ created: 2, updated: 1 });
    expect(count()).toBe(3);
    const updated = (await req('GET', `/api/v1/cases/${existing.id}`)).json;
    expect(updated).toMatchObject({ status: 'ready', reference: 'WWS-1', pickupUntil: '2030-03-01T22:59:59.999Z' });
    expect(updated.history.at(-1)).toMatchObject({ actor: 'import', notification: { state: 'not_sent', reason: 'import' } });
    expect(app.context.store.cases.byNumber('REP-2026-0042')).toBeDefined();
    // The sequence never hands out an imported number again.
    const next = await req('POST', '/api/v1/cases', { type: 'repair', phone: PHONE });
    expect(Number(next.json.number.split('-')[2])).toBeGreaterThan(42);
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.phone(PHONE).length).toBe(outBefore);
    // A file without the needed columns is refused as a whole.
    expect((await req('POST', '/api/v1/cases/import', { csv: 'foo,bar\n1,2' })).json).toMatchObject({ error: 'validation', field: 'csv' });
  });

  it('GET the return label as a PDF', async () => {
    const { req, origin, token } = await setup();
    const { json: r } = await req('POST', '/api/v1/cases', { type: 'return', phone: PHONE });
    await req('PATCH', `/api/v1/cases/${r.id}`, { status: 'approved' });
    const res = await fetch(`${origin}/api/v1/cases/${r.id}/label.pdf?format=a4`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const { json: rep } = await req('POST', '/api/v1/cases', { type: 'repair', phone: PHONE });
    expect((await fetch(`${origin}/api/v1/cases/${rep.id}/label.pdf`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
  });
});
