import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../main/core/manager/stats';
import { Store } from '../../../main/store';
import { STATS_SQL } from '../../../main/store/stats-repo';
import { ApiError } from '../../../main/contract/errors';
import { seedStats, TZ, berlin } from '../../helpers/stats-seed';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

const seeded = () => {
  const store = Store.open(tempDir());
  seedStats(store);
  return store;
};

describe('statistics over a seeded database', () => {
  it('computes each figure as counted by hand (three days around the DST change)', () => {
    const store = seeded();
    const s = computeStats(store.stats, { from: '2026-03-28', to: '2026-03-30' }, TZ);
    expect(s).toEqual({
      optIns: 2, // A (marketing), B
      optOuts: 2, // A (marketing STOP), C (revoked by staff)
      optOutRate: 2 / 3, // of A, B, C who held a consent in the period
      messagesPerDay: [
        { date: '2026-03-28', in: 2, out: 2 },
        { date: '2026-03-29', in: 4, out: 4 },
        { date: '2026-03-30', in: 1, out: 0 },
      ],
      medianFirstReplySeconds: 120, // 5, 30, 120, 120, 1800
      readRate: 0.5, // 3 read of 6 sent
      botResolvedShare: 0.25, // A's first episode of A1, A2, B (handed over), D
      casesByType: {
        repair: { count: 4, medianHoursToDone: 14.5 },
        parcel: { count: 1, medianHoursToDone: null },
        appointment: { count: 1, medianHoursToDone: null },
      },
    });
    store.close();
  });

  it('puts a message at 00:30 local time on its local day, not its UTC day', () => {
    const store = seeded();
    // 2026-03-29 00:30 in Berlin is 23:30 UTC on the 28th.
    expect(new Date(berlin(2026, 3, 29, 0, 30)).toISOString()).toBe('2026-03-28T23:30:00.000Z');
    const day29 = computeStats(store.stats, { from: '2026-03-29', to: '2026-03-29' }, TZ);
    expect(day29.messagesPerDay).toEqual([{ date: '2026-03-29', in: 4, out: 4 }]);
    expect(day29.optIns).toBe(1); // B at 00:30
    // The same data read in UTC moves A's and B's midnight messages to the 28th.
    const utc = computeStats(store.stats, { from: '2026-03-29', to: '2026-03-29' }, 'UTC');
    expect(utc.messagesPerDay).toEqual([{ date: '2026-03-29', in: 3, out: 3 }]);
    store.close();
  });

  it('an empty period gives zeros, not NaN', () => {
    const store = seeded();
    const s = computeStats(store.stats, { from: '2025-01-01', to: '2025-01-02' }, TZ);
    expect(s).toEqual({
      optIns: 0,
      optOuts: 0,
      optOutRate: 0,
      messagesPerDay: [
        { date: '2025-01-01', in: 0, out: 0 },
        { date: '2025-01-02', in: 0, out: 0 },
      ],
      medianFirstReplySeconds: 0,
      readRate: 0,
      botResolvedShare: 0,
      casesByType: {},
    });
    store.close();
  });

  it('refuses a period that ends before it starts or is longer than a year', () => {
    const store = seeded();
    expect(() => computeStats(store.stats, { from: '2026-03-02', to: '2026-03-01' }, TZ)).toThrow(ApiError);
    expect(() => computeStats(store.stats, { from: '2024-01-01', to: '2025-12-31' }, TZ)).toThrow(/at most 366 days/);
    store.close();
  });

  it('every statistics query reads its tables through an index (EXPLAIN QUERY PLAN)', () => {
    const store = seeded();
    const params: Record<string, unknown> = {
      from: berlin(2026, 3, 28),
      to: berlin(2026, 3, 31),
      days: JSON.stringify([{ date: '2026-03-28', start: berlin(2026, 3, 28), end: berlin(2026, 3, 29) }]),
      done: JSON.stringify(['collected']),
      firstId: 1,
    };
    const expected: Record<keyof typeof STATS_SQL, string[]> = {
      optIns: ['consent_events_at'],
      optOuts: ['consent_events_at'],
      consenting: ['consent_events_at', 'consent_events_contact'],
      messagesPerDay: ['messages_created'],
      medianFirstReply: ['messages_created', 'messages_conversation'],
      readRate: ['messages_created'],
      firstMessageId: ['messages_created'],
      botResolved: ['conversation_marks_period', 'messages_conversation'],
      casesByType: ['cases_recent', 'case_history_case'],
    };
    const bigTables = /^SCAN (messages|consent_events|cases|case_history|conversation_marks|[a-z])\b(?! USING (COVERING )?INDEX)/;
    for (const [name, sql] of Object.entries(STATS_SQL)) {
      const names = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
      const bound = Object.fromEntries(names.map((n) => [n, params[n]]));
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bound) as { detail: string }[]).map((r) => r.detail);
      for (const index of expected[name as keyof typeof STATS_SQL]) expect(plan.join('\n'), name).toContain(index);
      const scans = plan.filter((d) => bigTables.test(d) && !/^SCAN (d|v|t|r|s|a|c|e|ep)$/.test(d) && !d.includes('json_each'));
      expect(scans, `${name}:\n${plan.join('\n')}`).toEqual([]);
    }
    store.close();
  });
});
