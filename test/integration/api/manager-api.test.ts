import { describe, expect, it } from 'vitest';
import type { MediaSimulator } from '../../helpers/media-sim';
import { MediaSimulator as Sim } from '../../helpers/media-sim';
import { pdfText } from '../../helpers/pdf';
import { useTestApps } from '../../helpers/running-app';
import { seedStats } from '../../helpers/stats-seed';
import { ownerSession } from '../../helpers/staff';
import { eventually, ManualClock, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

async function setup(clock = new ManualClock()) {
  const sim = new Sim(clock);
  const running = await startApp({ clock, channel: sim });
  const { origin, server, app } = running;
  const get = async (path: string) => {
    const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', res };
  };
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  return { app, sim, get, call, clock };
}

const outCount = (sim: MediaSimulator, phone: string) => sim.phone(phone).filter((m) => m.direction === 'out').length;

describe('local HTTP API: statistics and the processing record', () => {
  it('GET /api/v1/stats answers exactly the agreed fields, as counted by hand', async () => {
    const { app, get } = await setup();
    seedStats(app.context.store);
    const r = await get('/api/v1/stats?from=2026-03-28&to=2026-03-30');
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/json');
    const body = (await r.res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['botResolvedShare', 'casesByType', 'medianFirstReplySeconds', 'messagesPerDay', 'optIns', 'optOutRate', 'optOuts', 'readRate'].sort(),
    );
    expect(body).toEqual({
      optIns: 2,
      optOuts: 2,
      optOutRate: 2 / 3,
      messagesPerDay: [
        { date: '2026-03-28', in: 2, out: 2 },
        { date: '2026-03-29', in: 4, out: 4 },
        { date: '2026-03-30', in: 1, out: 0 },
      ],
      medianFirstReplySeconds: 120,
      readRate: 0.5,
      botResolvedShare: 0.25,
      casesByType: {
        appointment: { count: 1, medianHoursToDone: null },
        parcel: { count: 1, medianHoursToDone: null },
        repair: { count: 4, medianHoursToDone: 14.5 },
      },
    });
  });

  it('bad dates and a reversed period are 400 validation, naming the field', async () => {
    const { get } = await setup();
    const cases: [string, string][] = [
      ['/api/v1/stats?from=2026-03-02&to=2026-03-01', 'from'],
      ['/api/v1/stats?from=2026-02-30&to=2026-03-01', 'from'],
      ['/api/v1/stats?from=01.03.2026&to=2026-03-01', 'from'],
      ['/api/v1/stats?from=2026-03-01&to=tomorrow', 'to'],
      ['/api/v1/stats?from=2026-03-01', 'to'],
      ['/api/v1/stats?from=2020-01-01&to=2026-01-01', 'to'],
    ];
    for (const [path, field] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(await r.res.json(), path).toMatchObject({ error: 'validation', field });
    }
  });

  it('counts a conversation the bot answered and staff resolved without writing as resolved by the bot', async () => {
    const { app, sim, get, call } = await setup();
    await call('bot.settings.update', { patch: { enabled: true } });
    const phone = '+4915112345678';
    await sim.customerSends(phone, 'START');
    await sim.customerSends(phone, 'JA');
    await eventually(() => outCount(sim, phone) === 2);
    await sim.customerSends(phone, 'Wie sind eure Öffnungszeiten?');
    await eventually(() => outCount(sim, phone) === 3);
    const contactId = app.context.store.contacts.byPhone(phone)!.id;
    await call('conversations.update', { contactId, status: 'resolved' });
    // A second customer is handed over at once and answered by staff.
    const other = '+4915798765432';
    await sim.customerSends(other, 'START');
    await sim.customerSends(other, 'JA');
    await eventually(() => outCount(sim, other) === 2);
    await sim.customerSends(other, 'Mitarbeiter bitte');
    const otherId = app.context.store.contacts.byPhone(other)!.id;
    await app.dispatch('messages.send', { contactId: otherId, text: 'Ich helfe Ihnen gern.' }, await ownerSession(app));
    await call('conversations.update', { contactId: otherId, status: 'resolved' });
    const r = await get('/api/v1/stats?from=2026-11-02&to=2026-11-02');
    const body = (await r.res.json()) as { botResolvedShare: number; optIns: number };
    expect(body.optIns).toBe(2);
    expect(body.botResolvedShare).toBe(0.5);
  });

  it('GET /api/v1/records/processing: escaped HTML from the settings, with WhatsApp/Meta and the retention periods', async () => {
    const { get, call } = await setup();
    // Markup in the name or address is refused by settings.update itself; what may be there is escaped.
    await call('settings.update', {
      patch: { shop: { name: 'Fahrrad "Müller" & Söhne', address: "Hauptstraße 5 & 7, O'Brien-Hof", phone: '', privacyUrl: '' }, quarantineHours: 48 },
    });
    const r = await get('/api/v1/records/processing');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/html; charset=utf-8');
    expect(r.res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('Fahrrad &quot;Müller&quot; &amp; Söhne');
    expect(html).toContain('Hauptstraße 5 &amp; 7, O&#39;Brien-Hof');
    expect(html).toContain('lang="de"');
    expect(html).toContain('WhatsApp Ireland Limited');
    expect(html).toContain('Meta Platforms, Inc. (USA)');
    expect(html).toContain('Drittland');
    expect(html).toContain('48 Stunden');
    expect(html).toContain('Keine Cloud-Sicherung der Chats');
    for (const title of ['Verantwortlicher', 'Zwecke', 'Empfänger', 'Löschfristen', 'Technische und organisatorische Maßnahmen', 'Geschäftshandy']) {
      expect(html).toContain(title);
    }
    expect((await get('/api/v1/records/processing?format=docx')).status).toBe(400);
  });

  it('?format=pdf is a PDF with the shop name and every section', async () => {
    const { get, call } = await setup();
    await call('settings.update', { patch: { shop: { name: 'Fahrrad Müller & Söhne', address: 'Hauptstraße 5, 10115 Berlin', phone: '', privacyUrl: '' } } });
    const r = await get('/api/v1/records/processing?format=pdf');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    const bytes = new Uint8Array(await r.res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Verzeichnis von Verarbeitungstätigkeiten');
    expect(text).toContain('Fahrrad Müller & Söhne');
    for (const title of ['1. Verantwortlicher', '2. Zwecke und Rechtsgrundlagen', '4. Empfänger und Übermittlung in Drittländer', '5. Löschfristen', '7. Vorgaben für das Geschäftshandy']) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Meta Platforms');
    expect(text).toContain('72 Stunden');
  });

  it('the routes are for managers and logged, as are the contract methods', async () => {
    const { app } = await setup();
    const { managerRoutes } = await import('../../../main/api/routes/manager');
    for (const route of managerRoutes) expect(route).toMatchObject({ access: 'manager', audit: true });
    expect(app.httpRoutes).toEqual(expect.arrayContaining(managerRoutes));
    const { methods } = await import('../../../main/contract');
    expect(methods['manager.contacts']).toMatchObject({ access: 'manager' });
    for (const m of ['manager.proof', 'manager.stats', 'manager.processingRecord', 'manager.processingRecordPdf'] as const) {
      expect(methods[m]).toMatchObject({ access: 'manager', audit: true });
    }
  });
});
