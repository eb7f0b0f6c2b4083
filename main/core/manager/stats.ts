import { TZDate } from '@date-fns/tz';
import type { StatsView } from '../../contract';
import { ApiError } from '../../contract/errors';
import { MAX_STATS_DAYS } from '../../contract/manager';
import type { StatsDay, StatsRepo } from '../../store/stats-repo';
import { TABLES } from '../cases/transitions';

const DAY_MS = 86_400_000;

/** The statuses that end a case type's main path: the case is done (not cancelled, declined, expired). */
export const DONE_STATUSES: readonly string[] = [...new Set(Object.values(TABLES).map((t) => t.path[t.path.length - 1]!))];

const parts = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

/** Midnight of a calendar date in the time zone, as ms. */
export const startOfDate = (date: string, timeZone: string): number => {
  const [y, m, d] = parts(date);
  return new TZDate(y, m - 1, d, timeZone).getTime();
};

const nextDate = (date: string): string => {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
};

/** The days of a period (dates inclusive) with their bounds in the time zone (23 or 25 hours on DST changes). */
export function periodDays(from: string, to: string, timeZone: string): StatsDay[] {
  const days: StatsDay[] = [];
  for (let date = from; date <= to; date = nextDate(date)) {
    if (days.length >= MAX_STATS_DAYS) {
      throw new ApiError('validation', `to: a period covers at most ${MAX_STATS_DAYS} days`, { field: 'to' });
    }
    const next = nextDate(date);
    days.push({ date, start: startOfDate(date, timeZone), end: startOfDate(next, timeZone) });
  }
  return days;
}

const ratio = (part: number, whole: number): number => (whole > 0 ? Math.min(1, part / whole) : 0);
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Statistics over a period, dates inclusive in the shop's time zone (see docs/statistics.md). */
export function computeStats(repo: StatsRepo, period: { from: string; to: string }, timeZone: string): StatsView {
  if (period.from > period.to) throw new ApiError('validation', 'from: must not be after to', { field: 'from' });
  const days = periodDays(period.from, period.to, timeZone);
  const row = repo.compute({ from: days[0]!.start, to: days[days.length - 1]!.end, days, doneStatuses: DONE_STATUSES });
  const casesByType: StatsView['casesByType'] = {};
  for (const c of row.casesByType) {
    casesByType[c.type] = { count: c.count, medianHoursToDone: c.medianHoursToDone === null ? null : round(c.medianHoursToDone, 2) };
  }
  return {
    optIns: row.optIns,
    optOuts: row.optOuts,
    optOutRate: ratio(row.optOuts, row.consenting),
    messagesPerDay: row.messagesPerDay,
    medianFirstReplySeconds: row.medianFirstReplySeconds === null ? 0 : round(row.medianFirstReplySeconds, 1),
    readRate: ratio(row.read, row.sent),
    botResolvedShare: ratio(row.resolvedByBot, row.resolved),
    casesByType,
  };
}
