import type { CaseStatus, CaseType } from '../../contract/cases';
import { isOpen, nextOpenMoment, openingOfDayBefore, startOfLocalDay, type ShopClock } from './shop-time';

/**
 * The reminder rules, as pure functions of a case, the shop's clock and
 * "now": what is due when. The runner asks them and records each key once.
 * - appointment: the business day before (from opening time), not after that day;
 * - pickup: the business day before the deadline, not after that day;
 * - expiry: at the first business moment after the deadline, while still ready.
 * Nothing is due while the shop is closed.
 */

export type ReminderKind = 'appointment_day_before' | 'pickup_day_before' | 'pickup_expired';

export interface ReminderCase {
  id: string;
  type: CaseType;
  status: CaseStatus;
  appointmentAt: number | null;
  pickupUntil: number | null;
}

export interface PlannedReminder {
  /** Unique per case, kind and target date: a moved date plans a new reminder, the old one is void. */
  key: string;
  caseId: string;
  kind: ReminderKind;
  /** Earliest moment to send. */
  at: number;
  /** After this it is no longer worth sending. */
  until: number;
}

export function plannedReminders(c: ReminderCase, clock: ShopClock): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  const tz = clock.timeZone;
  const plan = (kind: ReminderKind, target: number, at: number | undefined, until: number) => {
    if (at !== undefined && at < until) out.push({ key: `${c.id}:${kind}:${target}`, caseId: c.id, kind, at, until });
  };
  if (c.type === 'appointment' && c.appointmentAt !== null && (c.status === 'booked' || c.status === 'confirmed')) {
    plan('appointment_day_before', c.appointmentAt, openingOfDayBefore(c.appointmentAt, clock), startOfLocalDay(c.appointmentAt, tz));
  }
  if (c.type === 'pickup' && c.pickupUntil !== null && c.status === 'ready') {
    plan('pickup_day_before', c.pickupUntil, openingOfDayBefore(c.pickupUntil, clock), startOfLocalDay(c.pickupUntil, tz));
    plan('pickup_expired', c.pickupUntil, nextOpenMoment(c.pickupUntil + 1, clock), Number.POSITIVE_INFINITY);
  }
  return out;
}

/** The reminders to send now: planned, due, still worth sending, not sent before, and the shop is open. */
export function dueReminders(
  cases: readonly ReminderCase[],
  now: number,
  clock: ShopClock,
  alreadySent: (key: string) => boolean,
): PlannedReminder[] {
  if (!isOpen(now, clock)) return [];
  return cases.flatMap((c) => plannedReminders(c, clock)).filter((r) => r.at <= now && now < r.until && !alreadySent(r.key));
}

/** When to look again: the next planned moment after now (for a timer), if any. */
export function nextReminderAt(cases: readonly ReminderCase[], now: number, clock: ShopClock): number | undefined {
  let next: number | undefined;
  for (const r of cases.flatMap((c) => plannedReminders(c, clock))) {
    if (r.until <= now) continue;
    const t = r.at > now ? r.at : nextOpenMoment(now, clock);
    if (t !== undefined && t < r.until && (next === undefined || t < next)) next = t;
  }
  return next;
}
