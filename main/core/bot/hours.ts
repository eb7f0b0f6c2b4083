import type { SpecialDay } from '../../contract';
import { at, localDay, spansOn, type ShopClock } from '../cases/shop-time';

/**
 * Business hours: the shop profile's weekly schedule (time zone, opening
 * hours) plus holidays and special days. Every instant is judged in the
 * shop's IANA zone, so DST changes move nothing a customer can see.
 */
export interface BusinessHours extends ShopClock {
  specialDays: readonly SpecialDay[];
}

const DAY_MS = 86_400_000;

/** The [open, close) spans of one local day, special days first. */
export const spansOf = (day: { y: number; m: number; d: number; wd: number }, hours: BusinessHours): [number, number][] => spansOn(day, hours);

export function isOpenAt(t: number, hours: BusinessHours): boolean {
  const day = localDay(t, hours.timeZone);
  return spansOf(day, hours).some(([a, b]) => t >= at(day, a, hours.timeZone) && t < at(day, b, hours.timeZone));
}

/** The next opening moment at or after t (t itself when open), undefined when closed for 60 days. */
export function nextOpening(t: number, hours: BusinessHours): number | undefined {
  let day = localDay(t, hours.timeZone);
  for (let i = 0; i < 60; i++) {
    for (const [a, b] of spansOf(day, hours)) {
      const start = at(day, a, hours.timeZone);
      const end = at(day, b, hours.timeZone);
      if (t < end) return Math.max(t, start);
    }
    // Noon of the next local day is never inside a DST gap.
    day = localDay(at(day, 720, hours.timeZone) + DAY_MS, hours.timeZone);
  }
  return undefined;
}

/** When the current open span ends (undefined when closed). */
export function closingOf(t: number, hours: BusinessHours): number | undefined {
  const day = localDay(t, hours.timeZone);
  for (const [a, b] of spansOf(day, hours)) {
    const end = at(day, b, hours.timeZone);
    if (t >= at(day, a, hours.timeZone) && t < end) return end;
  }
  return undefined;
}
