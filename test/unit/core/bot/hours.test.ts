import { describe, expect, it } from 'vitest';
import { DEFAULT_HOURS } from '../../../../main/core/cases/shop-time';
import { closingOf, isOpenAt, nextOpening, type BusinessHours } from '../../../../main/core/bot/hours';

const berlin = (specialDays: BusinessHours['specialDays'] = []): BusinessHours => ({ timeZone: 'Europe/Berlin', hours: DEFAULT_HOURS, specialDays });
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('business hours in the shop\'s time zone', () => {
  it('open and closed on a normal weekday, and the next opening after closing time across midnight', () => {
    const h = berlin();
    // Tue 3 Nov 2026, 10:00 Berlin (CET, UTC+1)
    expect(isOpenAt(Date.parse('2026-11-03T09:00:00Z'), h)).toBe(true);
    expect(iso(closingOf(Date.parse('2026-11-03T09:00:00Z'), h))).toBe('2026-11-03T17:00:00.000Z');
    // 23:30 Berlin → next day 09:00 Berlin
    const night = Date.parse('2026-11-03T22:30:00Z');
    expect(isOpenAt(night, h)).toBe(false);
    expect(iso(nextOpening(night, h))).toBe('2026-11-04T08:00:00.000Z');
    // 00:30 Berlin Wednesday (still Tuesday in UTC) → same Wednesday 09:00
    expect(iso(nextOpening(Date.parse('2026-11-03T23:30:00Z'), h))).toBe('2026-11-04T08:00:00.000Z');
  });

  it('across the DST change: Saturday night before the clocks go back opens Monday 09:00 local (UTC+1 then)', () => {
    const h = berlin();
    // Sat 24 Oct 2026, 15:00 Berlin (CEST, UTC+2): closed after 14:00.
    const sat = Date.parse('2026-10-24T13:00:00Z');
    expect(isOpenAt(sat, h)).toBe(false);
    // Sun 25 Oct: CEST → CET. Monday 09:00 Berlin is 08:00 UTC.
    expect(iso(nextOpening(sat, h))).toBe('2026-10-26T08:00:00.000Z');
    // Spring: Sat 28 Mar 2026 after closing → Mon 30 Mar 09:00 CEST = 07:00 UTC.
    expect(iso(nextOpening(Date.parse('2026-03-28T18:00:00Z'), h))).toBe('2026-03-30T07:00:00.000Z');
    // Opening at 09:00 local is 07:00 UTC in summer and 08:00 in winter.
    expect(isOpenAt(Date.parse('2026-03-30T07:00:00Z'), h)).toBe(true);
    expect(isOpenAt(Date.parse('2026-10-26T07:30:00Z'), h)).toBe(false);
  });

  it('a holiday closes a weekday and a special day opens with its own hours', () => {
    const h = berlin([
      { date: '2026-12-24', hours: [{ open: '09:00', close: '12:00' }], name: 'Heiligabend' },
      { date: '2026-12-25', hours: [], name: '1. Weihnachtstag' },
      { date: '2026-12-26', hours: [], name: '2. Weihnachtstag' },
    ]);
    // Thu 24 Dec 13:00 Berlin: special day closed at 12 → next opening skips the holidays, Sun, to Mon 28 Dec.
    const t = Date.parse('2026-12-24T12:00:00Z');
    expect(isOpenAt(Date.parse('2026-12-24T10:00:00Z'), h)).toBe(true);
    expect(isOpenAt(t, h)).toBe(false);
    expect(iso(nextOpening(t, h))).toBe('2026-12-28T08:00:00.000Z');
  });

  it('another time zone is honoured', () => {
    const h: BusinessHours = { timeZone: 'America/New_York', hours: DEFAULT_HOURS, specialDays: [] };
    // 10:00 in New York on a Tuesday = 15:00 UTC in November.
    expect(isOpenAt(Date.parse('2026-11-03T15:00:00Z'), h)).toBe(true);
    expect(isOpenAt(Date.parse('2026-11-03T09:00:00Z'), h)).toBe(false);
  });
});
