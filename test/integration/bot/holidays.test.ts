import { describe, expect, it } from 'vitest';
import type { BotSettings, ConsentSettings } from '../../../main/contract';
import type { MediaSimulator } from '../../helpers/media-sim';
import { call, useShopApp } from '../../helpers/shop-app';
import { eventually, ManualClock } from '../../helpers/temp-dir';

const PHONE = '+4915112345678';
const PREFIX = '🤖 Automatische Antwort:';
const startShop = useShopApp();
/** Monday 2 Nov 2026, 10:00 in Berlin: open by the weekly schedule. */
const MONDAY_10 = Date.UTC(2026, 10, 2, 9, 0);
const HOLIDAY = { date: '2026-11-02', hours: [], name: 'Betriebsausflug' };

const outTexts = (sim: MediaSimulator) => sim.phone(PHONE).filter((m) => m.direction === 'out').map((m) => m.text ?? '');

async function enableBot(app: Parameters<typeof call>[0]) {
  const current = await call<BotSettings>(app, 'bot.settings', {});
  await call(app, 'bot.settings.update', { patch: { enabled: true, away: { ...current.away, enabled: true } } });
}

async function awayReply(sim: MediaSimulator): Promise<string> {
  await sim.customerSends(PHONE, 'START');
  await sim.customerSends(PHONE, 'JA');
  await eventually(() => outTexts(sim).length === 2);
  await sim.customerSends(PHONE, 'Wo seid ihr?');
  await eventually(() => outTexts(sim).length >= 4);
  return outTexts(sim)[2]!;
}

describe('holidays and special days live in the shop profile', () => {
  it("the bot's away message honours a holiday set in the shop profile", async () => {
    const { app, sim } = await startShop(new ManualClock(MONDAY_10));
    await enableBot(app);
    const { shop } = await call<ConsentSettings>(app, 'settings.get', {});
    await call(app, 'settings.update', { patch: { shop: { ...shop, specialDays: [HOLIDAY] } } });
    // bot.settings still answers them, read from the shop profile.
    expect((await call<BotSettings>(app, 'bot.settings', {})).specialDays).toEqual([HOLIDAY]);
    expect(await awayReply(sim)).toBe(
      `${PREFIX} Wir haben gerade geschlossen. Ab Dienstag, 3. November 2026, 09:00 Uhr sind wir wieder für Sie da. Unsere Öffnungszeiten: Mo–Fr 09:00–18:00, Sa 10:00–14:00.`,
    );
  });

  it('bot.settings.update with specialDays writes them to the shop profile, and other bot changes keep them', async () => {
    const { app } = await startShop(new ManualClock(MONDAY_10));
    await call(app, 'bot.settings.update', { patch: { specialDays: [HOLIDAY] } });
    expect((await call<ConsentSettings>(app, 'settings.get', {})).shop.specialDays).toEqual([HOLIDAY]);
    await call(app, 'bot.settings.update', { patch: { staffQuietMinutes: 10 } });
    expect((await call<ConsentSettings>(app, 'settings.get', {})).shop.specialDays).toEqual([HOLIDAY]);
    // A bad day is refused and loses nothing.
    const bad = await app.dispatch('bot.settings.update', { patch: { specialDays: [{ date: '2.11.2026', hours: [] }] } });
    expect(bad.ok).toBe(false);
    expect((await call<BotSettings>(app, 'bot.settings', {})).specialDays).toEqual([HOLIDAY]);
    // The bot's stored value holds no second copy.
    expect(app.context.store.settings.get<Record<string, unknown>>('bot.settings')).not.toHaveProperty('specialDays');
  });

  it('an install that kept holidays in the bot settings has them carried into the shop profile once', async () => {
    const clock = new ManualClock(MONDAY_10);
    const first = await startShop(clock);
    const stored = { ...(await call<BotSettings>(first.app, 'bot.settings', {})), specialDays: [HOLIDAY] };
    // The old shape, as an earlier version wrote it to the database file.
    first.app.context.store.settings.set('bot.settings', stored, clock.now());
    await first.app.close();

    const { app, sim } = await startShop(clock, { dataDir: first.dataDir });
    expect((await call<ConsentSettings>(app, 'settings.get', {})).shop.specialDays).toEqual([HOLIDAY]);
    expect(app.context.store.settings.get<Record<string, unknown>>('bot.settings')).not.toHaveProperty('specialDays');
    await enableBot(app);
    expect(await awayReply(sim)).toContain('Ab Dienstag, 3. November 2026, 09:00 Uhr');

    // Once: removing the holiday in the shop profile does not bring the old value back after a restart.
    const { shop } = await call<ConsentSettings>(app, 'settings.get', {});
    await call(app, 'settings.update', { patch: { shop: { ...shop, specialDays: [] } } });
    await app.close();
    const again = await startShop(clock, { dataDir: first.dataDir });
    expect((await call<BotSettings>(again.app, 'bot.settings', {})).specialDays).toEqual([]);
  });

  it('a shop profile with its own holidays keeps them over an old bot value', async () => {
    const clock = new ManualClock(MONDAY_10);
    const first = await startShop(clock);
    const { shop } = await call<ConsentSettings>(first.app, 'settings.get', {});
    const own = { date: '2026-12-24', hours: [{ open: '09:00', close: '12:00' }], name: 'Heiligabend' };
    await call(first.app, 'settings.update', { patch: { shop: { ...shop, specialDays: [own] } } });
    first.app.context.store.settings.set('bot.settings', { ...(await call<BotSettings>(first.app, 'bot.settings', {})), specialDays: [HOLIDAY] }, clock.now());
    await first.app.close();
    const { app } = await startShop(clock, { dataDir: first.dataDir });
    expect((await call<BotSettings>(app, 'bot.settings', {})).specialDays).toEqual([own]);
  });
});
