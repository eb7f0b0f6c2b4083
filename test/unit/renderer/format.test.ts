import { describe, expect, it } from 'vitest';
import type { ConsentSummary } from '@contract';
import {
  checkMessageText,
  consentBadge,
  displayName,
  formatClock,
  formatDateTime,
  formatDay,
  formatListTime,
  formatPhone,
  formatSince,
  MAX_MESSAGE_LENGTH,
  samePhone,
  warmChatFormats,
} from '../../../renderer/src/lib/format';

const consent = (over: Partial<ConsentSummary>): ConsentSummary => ({
  service: 'none',
  marketing: 'none',
  serviceSince: null,
  marketingSince: null,
  ...over,
});

describe('phone and names', () => {
  it('formats E.164 internationally and leaves unparseable input as it is', () => {
    expect(formatPhone('+4930123456')).toBe('+49 30 123456');
    expect(formatPhone('+4917099887766')).toBe('+49 170 99887766');
    expect(formatPhone('1234@lid')).toBe('1234@lid');
  });

  it('prefers the shop-given name, then the marked push name, then the number', () => {
    expect(displayName({ name: 'Frau Weber', pushName: 'Anna', phone: '+4930123456' })).toBe('Frau Weber');
    expect(displayName({ name: '  ', pushName: 'Anna', phone: '+4930123456' })).toBe('~ Anna');
    expect(displayName({ name: null, pushName: null, phone: '+4930123456' })).toBe('+49 30 123456');
  });

  it('matches typed numbers to stored ones', () => {
    expect(samePhone('+49 170 99887766', '+4917099887766')).toBe(true);
    expect(samePhone('0170 99887766', '+4917099887766')).toBe(true);
    expect(samePhone('0049 170 99887766', '+4917099887766')).toBe(true);
    expect(samePhone('0170 99887767', '+4917099887766')).toBe(false);
    expect(samePhone('66', '+4917099887766')).toBe(false);
    expect(samePhone('', '+4917099887766')).toBe(false);
  });
});

describe('list time', () => {
  const now = new Date(2025, 2, 14, 15, 30); // Friday 14 March 2025, local time
  const at = (d: Date) => d.toISOString();
  it('shows the clock today, "yesterday", the weekday this week, the date before', () => {
    expect(formatListTime(at(new Date(2025, 2, 14, 9, 5)), now, 'de', 'Gestern')).toBe('09:05');
    expect(formatListTime(at(new Date(2025, 2, 13, 23, 59)), now, 'de', 'Gestern')).toBe('Gestern');
    expect(formatListTime(at(new Date(2025, 2, 11, 12, 0)), now, 'de', 'Gestern')).toBe('Di');
    expect(formatListTime(at(new Date(2025, 1, 1, 12, 0)), now, 'de', 'Gestern')).toBe('01.02.25');
    expect(formatListTime('not a date', now, 'de', 'Gestern')).toBe('');
  });
});

describe('since', () => {
  it('is the clock today and day + clock before', () => {
    const now = new Date(2025, 2, 14, 15, 30);
    expect(formatSince(new Date(2025, 2, 14, 7, 37).toISOString(), now, 'de')).toBe('07:37');
    expect(formatSince(new Date(2025, 2, 11, 18, 5).toISOString(), now, 'de')).toBe('11.03., 18:05');
    expect(formatSince(null, now, 'de')).toBeNull();
  });
});

describe('day separator', () => {
  it('names the weekday and the full date in the UI language', () => {
    const iso = new Date(2026, 10, 27, 18, 0).toISOString();
    expect(formatDay(iso, 'de')).toBe('Freitag, 27. November 2026');
    expect(formatDay(iso, 'en')).toBe('Friday, November 27, 2026');
    expect(formatDay('not a date', 'de')).toBe('');
  });
});

describe('consent badge', () => {
  it('maps the summary to one of the six badges, service first', () => {
    expect(consentBadge(consent({})).kind).toBe('none');
    expect(consentBadge(consent({ service: 'requested', serviceSince: 'a' }))).toMatchObject({ kind: 'requested', since: 'a' });
    expect(consentBadge(consent({ service: 'granted' })).kind).toBe('service');
    expect(consentBadge(consent({ service: 'granted', marketing: 'granted', marketingSince: 'm' }))).toMatchObject({
      kind: 'serviceMarketing',
      marketingSince: 'm',
    });
    expect(consentBadge(consent({ service: 'revoked' })).kind).toBe('revoked');
    expect(consentBadge(consent({ service: 'expired' })).kind).toBe('expired');
    // Marketing alone never lets staff chat, so it does not show as consent.
    expect(consentBadge(consent({ marketing: 'granted' })).kind).toBe('none');
  });
});

describe('composer text check', () => {
  it('trims, refuses empty and over-long text', () => {
    expect(checkMessageText('  Hallo \n')).toEqual({ ok: true, text: 'Hallo' });
    expect(checkMessageText(' \n ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkMessageText('x'.repeat(MAX_MESSAGE_LENGTH))).toMatchObject({ ok: true });
    expect(checkMessageText('x'.repeat(MAX_MESSAGE_LENGTH + 1))).toMatchObject({ ok: false, reason: 'tooLong', length: 4097 });
  });
});

describe('warmChatFormats', () => {
  it("creates every formatter a chat shows, so the first chat's dates need no new one", () => {
    // A locale no other test in this file formats for: its formatters are not made yet.
    const locale = 'de-AT';
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Intl.DateTimeFormat;
    try {
      warmChatFormats(locale);
      const warmed = made;
      expect(warmed).toBeGreaterThanOrEqual(3);
      const at = '2026-11-27T14:05:00.000Z';
      const shown = [formatDateTime(at, locale), formatDay(at, locale), formatClock(at, locale)];
      expect(made).toBe(warmed);
      // The same answers as formatters made on the spot.
      expect(shown).toEqual([
        new Original(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
        new Original(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(at)),
        new Original(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(at)),
      ]);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
