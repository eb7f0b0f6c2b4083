import type { Clock } from '../runtime';

/**
 * Outbound pacing: token buckets per second and per minute, so the line sends
 * like a person typing rather than a machine. WhatsApp blocks numbers that
 * send in bursts; announcements (marketing news) are paced further still.
 */

export type PaceKind = 'normal' | 'announcement';

export interface PacingOptions {
  /** Sends allowed per second (burst size and refill rate). */
  perSecond: number;
  /** Sends allowed per minute. */
  perMinute: number;
  /** Extra limit for announcements, on top of the normal limits. */
  announcementsPerMinute: number;
}

export const defaultPacing: PacingOptions = { perSecond: 1, perMinute: 20, announcementsPerMinute: 4 };

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A continuously refilling token bucket. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    windowMs: number,
    private readonly clock: Clock,
  ) {
    if (!Number.isFinite(capacity) || capacity < 1) throw new RangeError(`pacing capacity must be ≥ 1, got ${capacity}`);
    this.tokens = capacity;
    this.last = clock.now();
    this.perMs = capacity / windowMs;
  }

  private refill(): void {
    const now = this.clock.now();
    // A clock that steps backwards (NTP, tests) must not drain the bucket.
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perMs);
    this.last = now;
  }

  /** Milliseconds until one token is available (0 when one is there now). */
  delay(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil((1 - this.tokens) / this.perMs);
  }

  take(): void {
    this.refill();
    this.tokens -= 1;
  }
}

export class Pacer {
  private readonly buckets: Record<PaceKind, TokenBucket[]>;
  /** Callers are served in arrival order, one at a time. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly options: PacingOptions,
    private readonly clock: Clock,
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(options.announcementsPerMinute > 0)) {
      throw new RangeError(`announcementsPerMinute must be > 0, got ${options.announcementsPerMinute}`);
    }
    const second = new TokenBucket(options.perSecond, 1_000, clock);
    const minute = new TokenBucket(options.perMinute, 60_000, clock);
    // Capacity 1 spreads announcements evenly instead of allowing a burst.
    const announce = new TokenBucket(1, 60_000 / options.announcementsPerMinute, clock);
    this.buckets = { normal: [second, minute], announcement: [second, minute, announce] };
  }

  /** How long a send of this kind would have to wait right now. */
  delay(kind: PaceKind = 'normal'): number {
    return Math.max(...this.buckets[kind].map((b) => b.delay()));
  }

  /** Takes a token without waiting; false when the caller would have to wait. */
  tryTake(kind: PaceKind = 'normal'): boolean {
    if (this.delay(kind) > 0) return false;
    for (const b of this.buckets[kind]) b.take();
    return true;
  }

  /** Waits (in arrival order) until a send of this kind is allowed, then takes the token. */
  take(kind: PaceKind = 'normal'): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = this.delay(kind);
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      for (const b of this.buckets[kind]) b.take();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
