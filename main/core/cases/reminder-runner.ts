import type { CaseStatus, CaseType } from '../../contract/cases';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import { dueReminders, nextReminderAt, type PlannedReminder, type ReminderCase } from './reminders';
import type { CaseService } from './service';
import type { ShopClock } from './shop-time';

/**
 * Where reminders get their timing from. Until the app has one persisted job
 * scheduler, a minimal adapter (a timer that re-reads the plan) stands in;
 * the rules and the once-only record stay the same either way.
 */
export interface ReminderTimer {
  /** Ask to be run at (or soon after) this instant; a later call replaces the earlier one. */
  wakeAt(at: number, run: () => unknown): void;
  /** Nothing is planned any more. */
  cancel(): void;
  /** The app closes: let go of in-memory timers (a persisted wake-up may stay for the next start). */
  stop(): void;
}

export class TimeoutReminderTimer implements ReminderTimer {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly clock: Clock,
    /** Re-check at least this often (clock changes, sleep). */
    private readonly maxDelayMs = 15 * 60_000,
  ) {}
  wakeAt(at: number, run: () => unknown): void {
    this.cancel();
    this.timer = setTimeout(() => void run(), Math.min(Math.max(0, at - this.clock.now()), this.maxDelayMs));
    this.timer.unref?.();
  }
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
  stop(): void {
    this.cancel();
  }
}

/**
 * Sends what the reminder rules say is due, each key once (recorded in
 * case_reminders before the message is queued, in the same transaction as
 * the send, so a crash can neither lose nor double it).
 */
export class CaseReminderRunner {
  private stopped = true;
  private running: Promise<number> | undefined;

  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly shopClock: () => ShopClock,
    private readonly timer: ReminderTimer,
  ) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.timer.stop();
  }

  /** Re-plan now (a case changed). */
  kick(): void {
    if (this.stopped) return;
    // After the caller's transaction: a kick from inside one must not write into it.
    queueMicrotask(() => {
      if (this.stopped) return;
      void this.run().catch((err: unknown) => this.logger.error('case reminders failed', { error: String(err) }));
    });
  }

  /** Sends everything due now; returns how many reminders went through the gate. */
  run(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<number> {
    const now = this.clock.now();
    const clock = this.shopClock();
    const due = dueReminders(this.candidates(), now, clock, (key) => this.store.cases.reminderSent(key));
    let sent = 0;
    for (const r of due) {
      try {
        if (await this.fire(r, now)) sent++;
      } catch (err) {
        this.logger.error('case reminder failed', { key: r.key, error: String(err) });
      }
    }
    if (!this.stopped) {
      const next = nextReminderAt(this.candidates(), this.clock.now(), clock);
      if (next !== undefined) {
        this.timer.wakeAt(next, () =>
          this.stopped ? undefined : this.run().catch((err: unknown) => this.logger.error('case reminders failed', { error: String(err) })),
        );
      } else this.timer.cancel();
    }
    return sent;
  }

  private async fire(r: PlannedReminder, now: number): Promise<boolean> {
    if (r.kind === 'pickup_expired') {
      // The status change itself is the once-only mark: a case that is no longer "ready" is not expired again.
      if (!this.store.cases.markReminder(r.key, r.caseId, r.kind, now)) return false;
      await this.cases.expire(r.caseId);
      return true;
    }
    let marked = false;
    this.store.tx(() => {
      marked = this.store.cases.markReminder(r.key, r.caseId, r.kind, now);
      if (marked) this.cases.sendReminder(r.caseId, r.kind === 'pickup_day_before' ? 'pickup.reminder' : 'appointment.reminder');
    });
    return marked;
  }

  private candidates(): ReminderCase[] {
    return this.store.cases.reminderCandidates().map((c) => ({
      id: c.id,
      type: c.type as CaseType,
      status: c.status as CaseStatus,
      appointmentAt: c.appointment_at,
      pickupUntil: c.pickup_until,
    }));
  }
}
