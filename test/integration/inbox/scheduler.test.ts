import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../main/core/scheduler';
import { Store } from '../../../main/store';
import { ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the persisted job scheduler', () => {
  it('runs a job once when it is due, on the injected clock, and one key is one job', async () => {
    const dir = tempDir();
    const store = Store.open(dir);
    const clock = new ManualClock();
    const scheduler = new Scheduler(store, clock, silentLogger);
    const ran: unknown[] = [];
    scheduler.register('remind', (payload) => void ran.push(payload));
    scheduler.schedule({ key: 'remind:7', kind: 'remind', runAt: clock.now() + 60_000, payload: { n: 1 } });
    // The same key again moves the job instead of adding a second one.
    scheduler.schedule({ key: 'remind:7', kind: 'remind', runAt: clock.now() + 120_000, payload: { n: 2 } });
    expect(store.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(1);

    clock.advance(90_000);
    expect(await scheduler.runDue()).toBe(0);
    clock.advance(30_000);
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    expect(ran).toEqual([{ n: 2 }]);
    expect(store.jobs.byKey('remind:7')).toBeUndefined();
    store.close();
  });

  it('survives a kill: a scheduled job and one caught mid-run both run after reopening', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    let store = Store.open(dir);
    const first = new Scheduler(store, clock, silentLogger);
    first.schedule({ key: 'a', kind: 'k', runAt: clock.now() + 1000 });
    first.schedule({ key: 'b', kind: 'k', runAt: clock.now() + 1000 });
    clock.advance(1000);
    // "b" is claimed and the process dies before it finishes.
    const b = store.jobs.due(clock.now(), 10).find((j) => j.key === 'b')!;
    expect(store.jobs.claim(b.id, b.run_at)).toBe(true);
    store.db.close(); // no stop(), no finish: a kill

    store = Store.open(dir);
    const second = new Scheduler(store, clock, silentLogger);
    const ran: string[] = [];
    second.register('k', (_p, job) => void ran.push(job.key));
    second.start();
    expect(await second.runDue()).toBe(2);
    expect(ran.sort()).toEqual(['a', 'b']);
    expect(store.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    await second.stop();
    store.close();
  });

  it('retries a failing job later and drops it after the last try, without stopping the others', async () => {
    const store = Store.open(tempDir());
    const clock = new ManualClock();
    const scheduler = new Scheduler(store, clock, silentLogger, { retryMs: 1000, maxAttempts: 2 });
    let tries = 0;
    const ok: string[] = [];
    scheduler.register('bad', () => {
      tries++;
      throw new Error('boom');
    });
    scheduler.register('good', (_p, job) => void ok.push(job.key));
    scheduler.schedule({ key: 'x', kind: 'bad', runAt: clock.now() });
    scheduler.schedule({ key: 'y', kind: 'good', runAt: clock.now() });
    await scheduler.runDue();
    expect(ok).toEqual(['y']);
    expect(store.jobs.byKey('x')).toMatchObject({ state: 'scheduled', last_error: 'Error: boom' });
    clock.advance(1000);
    await scheduler.runDue();
    expect(tries).toBe(2);
    expect(store.jobs.byKey('x')).toBeUndefined();
    store.close();
  });
});
