import { TZDate } from '@date-fns/tz';
import type { SpecialDay } from '../../contract/consent';
import type { Locale } from '../../contract/locales';

/**
 * The shop's clock: its IANA time zone and weekly opening hours. Reminders
 * use it so nothing reaches a customer outside business hours, and dates
 * given without a time mean the end of that day where the shop is.
 */

/** Minutes since midnight: [open, close) per weekday, 0 = Sunday … 6 = Saturday. */
export type WeeklyHours = Record<number, [number, number][]>;

export interface ShopClock {
  timeZone: string;
  hours: WeeklyHours;
  /** Holidays and special days of the shop profile: on their date they replace the weekly hours. */
  specialDays?: readonly SpecialDay[];
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDate = (d: { y: number; m: number; d: number }) =>
  `${d.y}-${String(d.m + 1).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/** The [open, close) minute spans of one local day: a special day's hours, else the weekday's. */
export function spansOn(day: { y: number; m: number; d: number; wd: number }, clock: ShopClock): [number, number][] {
  const special = clock.specialDays?.find((s) => s.date === isoDate(day));
  if (special) return special.hours.map((h) => [toMinutes(h.open), toMinutes(h.close)] as [number, number]).filter(([a, b]) => a < b);
  return clock.hours[day.wd] ?? [];
}

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';
/** Until the shop sets its own: Monday to Friday 9–18, Saturday 10–14 (the shop profile's default). */
export const DEFAULT_HOURS: WeeklyHours = {
  0: [],
  1: [[540, 1080]],
  2: [[540, 1080]],
  3: [[540, 1080]],
  4: [[540, 1080]],
  5: [[540, 1080]],
  6: [[600, 840]],
};

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const hm = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 ? h * 60 + min : undefined;
};

/**
 * Reads opening hours as the shop profile keeps them: per weekday
 * (`mon`/`monday`/0–6) a list of `{open, close}` or `["09:00", "18:00"]`
 * pairs, or a list of `{day, open, close}`. Anything unreadable → the default.
 */
export function parseOpeningHours(raw: unknown): WeeklyHours {
  if (raw === undefined || raw === null) return DEFAULT_HOURS;
  const out: WeeklyHours = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  const dayIndex = (k: unknown): number | undefined => {
    if (typeof k === 'number' && k >= 0 && k <= 6) return k;
    if (typeof k !== 'string') return undefined;
    if (/^[0-6]$/.test(k)) return Number(k);
    const i = DAY_NAMES.indexOf(k.slice(0, 3).toLowerCase());
    return i >= 0 ? i : undefined;
  };
  const span = (v: unknown): [number, number] | undefined => {
    if (Array.isArray(v) && v.length === 2) {
      const a = hm(v[0]);
      const b = hm(v[1]);
      return a !== undefined && b !== undefined && a < b ? [a, b] : undefined;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const a = hm(o.open ?? o.from ?? o.start);
      const b = hm(o.close ?? o.to ?? o.end);
      return a !== undefined && b !== undefined && a < b ? [a, b] : undefined;
    }
    return undefined;
  };
  let any = false;
  const add = (day: number | undefined, v: unknown) => {
    if (day === undefined) return;
    const list = Array.isArray(v) && v.length > 0 && typeof v[0] !== 'string' ? v : [v];
    for (const item of list) {
      const s = span(item);
      if (s) {
        out[day]!.push(s);
        any = true;
      }
    }
  };
  if (Array.isArray(raw)) {
    for (const item of raw) if (item && typeof item === 'object') add(dayIndex((item as { day?: unknown }).day), item);
  } else if (typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (v) add(dayIndex(k), v);
  }
  for (const d of Object.keys(out)) out[Number(d)]!.sort((a, b) => a[0] - b[0]);
  return any ? out : DEFAULT_HOURS;
}

/** A valid IANA zone, else the default. */
export function safeTimeZone(tz: unknown): string {
  if (typeof tz !== 'string' || tz.length === 0) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

const DAY_MS = 86_400_000;

/** The shop-local calendar day of an instant, as [year, month0, day, weekday]. */
export function localDay(t: number, tz: string): { y: number; m: number; d: number; wd: number } {
  const z = new TZDate(t, tz);
  return { y: z.getFullYear(), m: z.getMonth(), d: z.getDate(), wd: z.getDay() };
}

/** The instant of a local wall time on a local day (DST handled by the zone). */
export const at = (day: { y: number; m: number; d: number }, minutes: number, tz: string): number =>
  new TZDate(day.y, day.m, day.d, Math.floor(minutes / 60), minutes % 60, 0, 0, tz).getTime();

export const startOfLocalDay = (t: number, tz: string): number => at(localDay(t, tz), 0, tz);

/** `YYYY-MM-DD` → 23:59:59.999 of that day in the shop's zone. */
export function endOfLocalDate(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 23, 59, 59, 999, tz).getTime();
}

/** Shift a local day by n calendar days (safe across DST: noon never falls into a gap). */
function shiftDay(day: { y: number; m: number; d: number }, n: number, tz: string) {
  const noon = new TZDate(day.y, day.m, day.d, 12, 0, 0, 0, tz).getTime() + n * DAY_MS;
  return localDay(noon, tz);
}

export function isOpen(t: number, clock: ShopClock): boolean {
  const day = localDay(t, clock.timeZone);
  return spansOn(day, clock).some(([a, b]) => t >= at(day, a, clock.timeZone) && t < at(day, b, clock.timeZone));
}

/** The first moment at or after t when the shop is open (undefined if closed for a fortnight). */
export function nextOpenMoment(t: number, clock: ShopClock): number | undefined {
  let day = localDay(t, clock.timeZone);
  for (let i = 0; i < 14; i++) {
    for (const [a, b] of spansOn(day, clock)) {
      const start = at(day, a, clock.timeZone);
      const end = at(day, b, clock.timeZone);
      if (t < end) return Math.max(t, start);
    }
    day = shiftDay(day, 1, clock.timeZone);
  }
  return undefined;
}

/**
 * When the shop opens on the last business day before the day of t: "the
 * day before", or the Saturday before a Monday when the shop is closed on Sunday.
 */
export function openingOfDayBefore(t: number, clock: ShopClock): number | undefined {
  let day = shiftDay(localDay(t, clock.timeZone), -1, clock.timeZone);
  for (let i = 0; i < 7; i++) {
    const first = spansOn(day, clock)[0];
    if (first) return at(day, first[0], clock.timeZone);
    day = shiftDay(day, -1, clock.timeZone);
  }
  return undefined;
}

/** "Mo–Fr 09:00–18:00, Sa 10:00–14:00" in the customer's language. */
export function formatOpeningHours(hours: WeeklyHours, locale: Locale): string {
  const names = locale === 'de' ? ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'] : ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const spans = (d: number) => (hours[d] ?? []).map(([a, b]) => `${fmt(a)}–${fmt(b)}`).join(', ');
  const order = [1, 2, 3, 4, 5, 6, 0];
  const parts: string[] = [];
  let i = 0;
  while (i < order.length) {
    const s = spans(order[i]!);
    let j = i;
    while (j + 1 < order.length && spans(order[j + 1]!) === s) j++;
    if (s) parts.push(`${names[order[i]!]}${j > i ? `–${names[order[j]!]}` : ''} ${s}`);
    i = j + 1;
  }
  return parts.join(', ');
}
