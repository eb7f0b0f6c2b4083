import { describe, expect, it } from 'vitest';
import { dueReminders, nextReminderAt, plannedReminders, type ReminderCase } from '../../../../main/core/cases/reminders';
import { DEFAULT_HOURS, endOfLocalDate, isOpen, nextOpenMoment, type ShopClock } from '../../../../main/core/cases/shop-time';

const clock: ShopClock = { timeZone: 'Europe/Berlin', hours: DEFAULT_HOURS };
const berlin = (y: number, m: number, d: number, h: number, min = 0) =>
  // Berlin is UTC+1 in winter, UTC+2 in summer (these tests pick their dates).
  Date.UTC(y, m - 1, d, h - (m >= 4 && m <= 10 ? 2 : 1), min);

/** A fake clock the rules are asked at. */
class FakeClock {
  constructor(public t: number) {}
}

const appointment = (at: number, status: ReminderCase['status'] = 'booked'): ReminderCase => ({
  id: 'a1',
  type: 'appointment',
  status,
  appointmentAt: at,
  pickupUntil: null,
});
const pickup = (until: number, status: ReminderCase['status'] = 'ready'): ReminderCase => ({
  id: 'p1',
  type: 'pickup',
  status,
  appointmentAt: null,
  pickupUntil: until,
});

describe('reminder rules', () => {
  it('an appointment is reminded from the opening of the day before, and not once that day is over', () => {
    const appt = berlin(2026, 12, 3, 15); // Thursday 15:00
    const sent = new Set<string>();
    const fake = new FakeClock(berlin(2026, 12, 2, 8, 59));
    const due = () => dueReminders([appointment(appt)], fake.t, clock, (k) => sent.has(k));
    expect(due()).toEqual([]); // closed
    fake.t = berlin(2026, 12, 2, 9, 0);
    const [r] = due();
    expect(r).toMatchObject({ kind: 'appointment_day_before', at: berlin(2026, 12, 2, 9) });
    sent.add(r!.key);
    expect(due()).toEqual([]); // once
    // Not sent on the day before (e.g. the app was off): not on the day itself either.
    sent.clear();
    fake.t = berlin(2026, 12, 3, 9, 30);
    expect(due()).toEqual([]);
  });

  it('the day before a Monday is the Saturday when the shop is closed on Sunday', () => {
    const monday = berlin(2026, 12, 7, 10);
    expect(plannedReminders(appointment(monday), clock)[0]!.at).toBe(berlin(2026, 12, 5, 10));
  });

  it('never while the shop is closed: evenings, nights, Sundays', () => {
    const appt = berlin(2026, 12, 3, 15);
    for (const t of [berlin(2026, 12, 2, 18, 0), berlin(2026, 12, 2, 23), berlin(2026, 12, 6, 12)]) {
      expect(dueReminders([appointment(appt)], t, clock, () => false)).toEqual([]);
    }
    expect(isOpen(berlin(2026, 12, 5, 13, 59), clock)).toBe(true);
    expect(isOpen(berlin(2026, 12, 5, 14, 0), clock)).toBe(false);
  });

  it('no reminder for an appointment that is cancelled or done', () => {
    expect(plannedReminders(appointment(berlin(2026, 12, 3, 15), 'cancelled'), clock)).toEqual([]);
    expect(plannedReminders(appointment(berlin(2026, 12, 3, 15), 'done'), clock)).toEqual([]);
  });

  it('a pickup: the day before its deadline, and the expiry at the next opening after it — only while ready', () => {
    const until = endOfLocalDate('2026-12-04', 'Europe/Berlin'); // Friday
    const plan = plannedReminders(pickup(until), clock);
    expect(plan.map((p) => [p.kind, p.at])).toEqual([
      ['pickup_day_before', berlin(2026, 12, 3, 9)],
      ['pickup_expired', berlin(2026, 12, 5, 10)], // Saturday opening
    ]);
    expect(plannedReminders(pickup(until, 'ordered'), clock)).toEqual([]);
    expect(plannedReminders(pickup(until, 'collected'), clock)).toEqual([]);
    // A moved deadline is a new key: the old reminder never fires for the new date.
    const moved = plannedReminders(pickup(until + 86_400_000), clock);
    expect(moved[0]!.key).not.toBe(plan[0]!.key);
  });

  it('across the switch to summer time the opening stays at its local time', () => {
    const until = endOfLocalDate('2026-03-30', 'Europe/Berlin'); // Monday after the switch (29 March)
    const plan = plannedReminders(pickup(until), clock);
    expect(plan[0]!.at).toBe(Date.UTC(2026, 2, 28, 9, 0)); // Saturday 28 March 10:00 CET
    expect(plan[1]!.at).toBe(Date.UTC(2026, 2, 31, 7, 0)); // Tuesday 31 March 09:00 CEST
  });

  it('tells when to look again', () => {
    const until = endOfLocalDate('2026-12-04', 'Europe/Berlin');
    expect(nextReminderAt([pickup(until)], berlin(2026, 12, 1, 12), clock)).toBe(berlin(2026, 12, 3, 9));
    expect(nextOpenMoment(berlin(2026, 12, 5, 15), clock)).toBe(berlin(2026, 12, 7, 9));
  });

  it("honours the shop profile's holidays and special days: no reminder on a closed holiday, the day before is the last open day", () => {
    // Thursday 24 Dec 2026 open only 09:00–12:00, Friday 25 Dec closed.
    const holidays: ShopClock = {
      ...clock,
      specialDays: [
        { date: '2026-12-24', hours: [{ open: '09:00', close: '12:00' }], name: 'Heiligabend' },
        { date: '2026-12-25', hours: [], name: '1. Weihnachtstag' },
      ],
    };
    expect(isOpen(berlin(2026, 12, 25, 10), clock)).toBe(true);
    expect(isOpen(berlin(2026, 12, 25, 10), holidays)).toBe(false);
    expect(isOpen(berlin(2026, 12, 24, 13), holidays)).toBe(false);
    expect(nextOpenMoment(berlin(2026, 12, 24, 13), holidays)).toBe(berlin(2026, 12, 26, 10)); // Saturday
    // An appointment on Saturday 26 Dec: reminded on the 24th (the 25th is closed).
    const [r] = plannedReminders(appointment(berlin(2026, 12, 26, 11)), holidays);
    expect(r).toMatchObject({ kind: 'appointment_day_before', at: berlin(2026, 12, 24, 9) });
  });
});

