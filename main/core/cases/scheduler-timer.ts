import type { Scheduler } from '../scheduler';
import type { ReminderTimer } from './reminder-runner';

/**
 * The app's persisted job scheduler as the reminders' timer: one wake-up job
 * (unique key) that moves to the next planned moment, so a restart or a kill
 * keeps it. What was sent is recorded per reminder in case_reminders either way.
 */
export class SchedulerReminderTimer implements ReminderTimer {
  static readonly KEY = 'cases:reminders';
  static readonly KIND = 'cases.reminders';
  private run: (() => unknown) | undefined;

  constructor(private readonly scheduler: Scheduler) {
    scheduler.register(SchedulerReminderTimer.KIND, async () => {
      await this.run?.();
    });
  }

  wakeAt(at: number, run: () => unknown): void {
    this.run = run;
    this.scheduler.schedule({ key: SchedulerReminderTimer.KEY, kind: SchedulerReminderTimer.KIND, runAt: at });
  }

  cancel(): void {
    this.scheduler.cancel(SchedulerReminderTimer.KEY);
  }

  /** The persisted wake-up stays for the next start; the scheduler itself is stopped by the app. */
  stop(): void {
    this.run = undefined;
  }
}
