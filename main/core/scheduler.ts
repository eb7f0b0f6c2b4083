import type { Clock, Logger } from '../runtime';
import type { Store } from '../store';

export type JobHandler = (payload: unknown, job: { key: string; kind: string }) => void | Promise<void>;

export interface ScheduleRequest {
  /** Unique: scheduling the same key again moves the pending job instead of adding one. */
  key: string;
  kind: string;
  runAt: number;
  payload?: unknown;
}

export interface SchedulerOptions {
  /** A failed job is tried again after this long. */
  retryMs: number;
  /** Tries before a failing job is dropped (logged). */
  maxAttempts: number;
  /** The timer never sleeps longer than this, so a changed system clock is noticed. */
  maxSleepMs: number;
}

const defaults: SchedulerOptions = { retryMs: 60_000, maxAttempts: 5, maxSleepMs: 60_000 };

/**
 * The one persisted job scheduler. Jobs live in SQLite (table jobs), so they
 * survive a kill; the unique key means each job exists once. Time comes from
 * the injected clock; runDue() runs everything due now (the timer calls it,
 * tests call it directly). A job caught mid-run by a kill runs again after
 * the restart, so handlers must be idempotent.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;
  private readonly options: SchedulerOptions;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  schedule(req: ScheduleRequest): void {
    this.store.jobs.upsert({ key: req.key, kind: req.kind, runAt: req.runAt, payload: JSON.stringify(req.payload ?? {}), now: this.clock.now() });
    this.arm();
  }

  cancel(key: string): boolean {
    return this.store.jobs.cancel(key);
  }

  /** Starts the timer; jobs interrupted by a kill are queued again. */
  start(): void {
    this.stopped = false;
    const recovered = this.store.jobs.recoverInterrupted();
    if (recovered > 0) this.logger.info('scheduler: re-queued interrupted jobs', { recovered });
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs every job that is due; resolves with how many ran. */
  runDue(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      this.arm();
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const due = this.store.jobs.due(this.clock.now(), 20);
      if (due.length === 0) return ran;
      for (const job of due) {
        if (!this.store.jobs.claim(job.id, job.run_at)) continue;
        const handler = this.handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(JSON.parse(job.payload) as unknown, { key: job.key, kind: job.kind });
          this.store.jobs.finish(job.id);
          ran++;
        } catch (err) {
          if (job.attempts + 1 >= this.options.maxAttempts) {
            this.logger.error('scheduler: job dropped after repeated failures', { key: job.key, error: String(err) });
            this.store.jobs.finish(job.id);
          } else {
            this.logger.warn('scheduler: job failed, will retry', { key: job.key, error: String(err) });
            this.store.jobs.retryLater(job.id, this.clock.now() + this.options.retryMs, String(err));
          }
        }
      }
    }
  }

  private arm(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.store.jobs.nextRunAt();
    if (next === undefined) return;
    const delay = Math.min(Math.max(0, next - this.clock.now()), this.options.maxSleepMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.clock.now() >= next) void this.runDue();
      else this.arm();
    }, delay);
    this.timer.unref?.();
  }
}
