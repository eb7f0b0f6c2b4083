import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextToWarm, startWarming, WARM_LIMIT, WARM_RETRY_MS, type WarmDeps } from '../../../renderer/src/app/warm-threads';

type Row = { id: number; waitingSince: string | null };
const waiting = (id: number): Row => ({ id, waitingSince: '2026-12-01T09:00:00.000Z' });
const answered = (id: number): Row => ({ id, waitingSince: null });

/**
 * The warming with its world in hand: rows and loaded chats the test sets,
 * idle callbacks the test runs, and fetches the test settles one by one.
 */
function world(initial: Row[]) {
  let rows = initial;
  const loaded = new Set<number>();
  const idle: Array<() => void> = [];
  const fetches: Array<{ id: number; settle(ok: boolean): Promise<void> }> = [];
  let changed: (() => void) | null = null;
  let clock = 0;
  const deps: WarmDeps = {
    rows: () => rows,
    onChange: (fn) => {
      changed = fn;
      return () => (changed = null);
    },
    isLoaded: (id) => loaded.has(id),
    load: (id) =>
      new Promise<void>((resolve, reject) => {
        fetches.push({
          id,
          settle: async (ok) => {
            if (ok) {
              loaded.add(id);
              resolve();
            } else reject(new Error('unavailable'));
            // Let the warming's then/finally run.
            await new Promise((r) => setTimeout(r, 0));
          },
        });
      }),
    whenIdle: (fn) => {
      idle.push(fn);
      return () => idle.splice(idle.indexOf(fn), 1);
    },
    now: () => clock,
  };
  return {
    deps,
    loaded,
    idle,
    fetches,
    setRows(next: Row[]) {
      rows = next;
      changed?.();
    },
    /** The one pending idle callback, run. */
    runIdle() {
      expect(idle).toHaveLength(1);
      idle.shift()!();
    },
    /** Idle callbacks and fetches run until nothing is left; the ids fetched, in order. */
    async drain(): Promise<number[]> {
      const ids: number[] = [];
      while (idle.length) {
        idle.shift()!();
        const f = fetches.shift();
        if (f) {
          ids.push(f.id);
          await f.settle(true);
        }
      }
      return ids;
    },
    advance(ms: number) {
      clock += ms;
    },
    get subscribed() {
      return changed !== null;
    },
  };
}

describe('nextToWarm', () => {
  it('is the first waiting row in list order that is not loaded', () => {
    const rows = [answered(1), waiting(2), waiting(3), waiting(4)];
    expect(nextToWarm(rows, (id) => id === 2, new Map(), 0)).toBe(3);
    expect(nextToWarm(rows, () => true, new Map(), 0)).toBeNull();
    expect(nextToWarm([answered(1)], () => false, new Map(), 0)).toBeNull();
  });

  it('looks no further than the first WARM_LIMIT waiting rows (answered rows do not count)', () => {
    const rows = [answered(0), ...Array.from({ length: WARM_LIMIT + 5 }, (_, i) => waiting(i + 1))];
    const loaded = (id: number) => id <= WARM_LIMIT;
    expect(nextToWarm(rows, loaded, new Map(), 0)).toBeNull();
    expect(nextToWarm(rows, (id) => id < WARM_LIMIT, new Map(), 0)).toBe(WARM_LIMIT);
  });

  it('skips a chat whose fetch failed until WARM_RETRY_MS have passed', () => {
    const rows = [waiting(1), waiting(2)];
    const failed = new Map([[1, 1_000]]);
    expect(nextToWarm(rows, () => false, failed, 1_000 + WARM_RETRY_MS - 1)).toBe(2);
    expect(nextToWarm(rows, () => false, failed, 1_000 + WARM_RETRY_MS)).toBe(1);
  });
});

describe('startWarming', () => {
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it('fetches the waiting chats one at a time, in list order, each when the window is idle', async () => {
    const w = world([waiting(5), answered(6), waiting(7), waiting(8)]);
    w.loaded.add(8);
    startWarming(w.deps);
    // Nothing before the window is idle.
    expect(w.fetches).toHaveLength(0);
    w.runIdle();
    expect(w.fetches.map((f) => f.id)).toEqual([5]);
    // The next waits for the first to settle.
    expect(w.idle).toHaveLength(0);
    await w.fetches.shift()!.settle(true);
    expect(await w.drain()).toEqual([7]);
    expect([...w.loaded].sort()).toEqual([5, 7, 8]);
  });

  it('picks again when idle comes: a chat opened or answered meanwhile is not fetched', async () => {
    const w = world([waiting(1), waiting(2), waiting(3)]);
    startWarming(w.deps);
    // Staff opened 1 (it is loaded now) and answered 2 before the window was idle.
    w.loaded.add(1);
    w.setRows([waiting(1), answered(2), waiting(3)]);
    expect(await w.drain()).toEqual([3]);
  });

  it('a chat that starts waiting later is fetched; a reconnect that forgets the loaded chats fetches them again', async () => {
    const w = world([waiting(1)]);
    startWarming(w.deps);
    expect(await w.drain()).toEqual([1]);
    w.setRows([waiting(2), waiting(1)]);
    expect(await w.drain()).toEqual([2]);
    w.loaded.clear();
    w.setRows([waiting(2), waiting(1)]);
    expect(await w.drain()).toEqual([2, 1]);
  });

  it('a failed fetch is warned about and the next chat comes; the failed one is tried again after WARM_RETRY_MS', async () => {
    const w = world([waiting(1), waiting(2)]);
    startWarming(w.deps);
    w.runIdle();
    await w.fetches.shift()!.settle(false);
    expect(console.warn).toHaveBeenCalledWith('fetching a chat ahead failed', expect.any(String));
    expect(await w.drain()).toEqual([2]);
    expect(w.loaded.has(1)).toBe(false);
    // The next change after the pause tries it again.
    w.advance(WARM_RETRY_MS);
    w.setRows([waiting(1), waiting(2)]);
    expect(await w.drain()).toEqual([1]);
  });

  it('stop cancels the pending idle callback, unsubscribes and fetches nothing more', async () => {
    const w = world([waiting(1), waiting(2)]);
    const stop = startWarming(w.deps);
    w.runIdle();
    stop();
    expect(w.subscribed).toBe(false);
    await w.fetches.shift()!.settle(true);
    expect(w.idle).toHaveLength(0);
    expect(w.fetches).toHaveLength(0);
    const w2 = world([waiting(1)]);
    startWarming(w2.deps)();
    expect(w2.idle).toHaveLength(0);
  });
});
