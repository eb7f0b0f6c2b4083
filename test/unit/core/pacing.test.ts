import { describe, expect, it } from 'vitest';
import { Pacer, TokenBucket } from '../../../main/core/pacing';
import { ManualClock } from '../../helpers/temp-dir';

/** A sleep that advances the manual clock instead of waiting. */
const sleeper = (clock: ManualClock, log: number[]) => async (ms: number) => {
  log.push(ms);
  clock.advance(ms);
};

describe('pacing', () => {
  it('allows a burst up to the per-second limit, then one token per refill interval', () => {
    const clock = new ManualClock();
    const pacer = new Pacer({ perSecond: 2, perMinute: 100, announcementsPerMinute: 10 }, clock);
    expect(pacer.tryTake()).toBe(true);
    expect(pacer.tryTake()).toBe(true);
    expect(pacer.tryTake()).toBe(false);
    expect(pacer.delay()).toBe(500);
    clock.advance(499);
    expect(pacer.tryTake()).toBe(false);
    clock.advance(1);
    expect(pacer.tryTake()).toBe(true);
  });

  it('enforces the per-minute limit over many seconds', async () => {
    const clock = new ManualClock();
    const slept: number[] = [];
    const pacer = new Pacer({ perSecond: 5, perMinute: 10, announcementsPerMinute: 10 }, clock, sleeper(clock, slept));
    const start = clock.now();
    for (let i = 0; i < 11; i++) await pacer.take();
    // 10 go out in the first two seconds, the 11th waits for the minute bucket to refill one token (6 s).
    expect(clock.now() - start).toBeGreaterThanOrEqual(6_000);
    expect(clock.now() - start).toBeLessThan(7_000);
  });

  it('paces announcements further than normal sends', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer({ perSecond: 10, perMinute: 100, announcementsPerMinute: 2 }, clock, sleeper(clock, []));
    const start = clock.now();
    await pacer.take('announcement');
    await pacer.take('announcement');
    await pacer.take('announcement');
    expect(clock.now() - start).toBe(60_000);
    // Normal sends are not held back by the announcement limit.
    const t = clock.now();
    await pacer.take('normal');
    expect(clock.now()).toBe(t);
  });

  it('serves concurrent callers in arrival order', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer({ perSecond: 1, perMinute: 60, announcementsPerMinute: 1 }, clock, sleeper(clock, []));
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('rejects nonsensical limits with a clear error', () => {
    const clock = new ManualClock();
    expect(() => new TokenBucket(0, 1000, clock)).toThrow(RangeError);
    expect(() => new Pacer({ perSecond: 1, perMinute: 10, announcementsPerMinute: 0 }, clock)).toThrow(/announcementsPerMinute/);
  });

  it('does not drain the bucket when the clock steps backwards', () => {
    const clock = new ManualClock();
    const b = new TokenBucket(1, 1000, clock);
    b.take();
    clock.advance(-5_000);
    expect(b.delay()).toBe(1000);
  });
});
