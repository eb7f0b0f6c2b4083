import { describe, expect, it } from 'vitest';
import type { ConsentSettings } from '../../../../main/contract';
import { defaultSettings } from '../../../../main/core/consent/templates';
import { shopContextFrom } from '../../../../main/core/cases/shop';

describe('shopContextFrom (how the app wires the shop into cases and the bot)', () => {
  it("reads the settings at each call, and a customer's own language before the shop's default", () => {
    let settings: ConsentSettings = defaultSettings(false);
    const contacts = new Map<number, { locale: string | null }>([
      [1, { locale: 'en' }],
      [2, { locale: null }],
      [3, { locale: 'fr' }],
    ]);
    const ctx = shopContextFrom(() => settings, (id) => contacts.get(id));
    expect(ctx.shop().name).toBe(settings.shop.name);

    settings = { ...settings, customerLocale: 'de', shop: { ...settings.shop, name: 'Radhaus Nord', timeZone: 'Europe/Vienna' } };
    expect(ctx.shop().name).toBe('Radhaus Nord');
    expect(ctx.shop().clock.timeZone).toBe('Europe/Vienna');
    expect(ctx.locale(1)).toBe('en');
    // No language of their own, one the shop does not write in, no such contact, no contact at all: the shop's default.
    expect([ctx.locale(2), ctx.locale(3), ctx.locale(99), ctx.locale(null)]).toEqual(['de', 'de', 'de', 'de']);

    settings = { ...settings, customerLocale: 'en' };
    expect([ctx.locale(2), ctx.locale(null)]).toEqual(['en', 'en']);
  });
});
