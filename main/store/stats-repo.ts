import type { Db } from './db';
import { stmt } from './statements';

/** One day of the period: its local date and its bounds in ms (start inclusive, end exclusive). */
export interface StatsDay {
  date: string;
  start: number;
  end: number;
}

export interface StatsQuery {
  /** Period bounds in ms: start inclusive, end exclusive. */
  from: number;
  to: number;
  days: readonly StatsDay[];
  /** Case statuses that end a type's main path (done). */
  doneStatuses: readonly string[];
}

export interface StatsRow {
  optIns: number;
  optOuts: number;
  /** Contacts that held a consent at some point of the period (the opt-out rate's base). */
  consenting: number;
  messagesPerDay: { date: string; in: number; out: number }[];
  /** null: no customer question of the period got an answer. */
  medianFirstReplySeconds: number | null;
  sent: number;
  read: number;
  resolved: number;
  resolvedByBot: number;
  casesByType: { type: string; count: number; medianHoursToDone: number | null }[];
}

/** A message that answers: anything but the consent texts Tresen sends by itself (as the inbox counts). */
const ANSWERS = (m: string) => `${m}.direction = 'out' AND ${m}.status <> 'failed' AND (${m}.author <> 'system' OR ${m}.author_name IS NOT NULL)`;

/** The median of column x of CTE v (NULL when v is empty). */
const MEDIAN = `SELECT avg(x) AS median FROM (
  SELECT x FROM v ORDER BY x LIMIT 2 - (SELECT count(*) FROM v) % 2 OFFSET ((SELECT count(*) FROM v) - 1) / 2)`;

/**
 * The statistics' SQL, one statement per figure, exported so a test can check
 * each plan uses an index (EXPLAIN QUERY PLAN). Named parameters: @from, @to
 * (ms, end exclusive), @days (JSON [{date,start,end}]), @done (JSON array of
 * statuses), @firstId (the first message id of the period).
 */
export const STATS_SQL = {
  optIns: `SELECT count(DISTINCT contact_id) AS n FROM consent_events
    WHERE at >= @from AND at < @to AND to_state = 'granted' AND from_state <> 'granted'`,
  optOuts: `SELECT count(DISTINCT contact_id) AS n FROM consent_events
    WHERE at >= @from AND at < @to AND to_state = 'revoked' AND from_state = 'granted'`,
  consenting: `SELECT count(*) AS n FROM (
      SELECT e.contact_id FROM consent_events e
      WHERE e.at < @from AND e.to_state = 'granted'
        AND e.id = (SELECT max(x.id) FROM consent_events x WHERE x.contact_id = e.contact_id AND x.purpose = e.purpose AND x.at < @from)
      UNION
      SELECT contact_id FROM consent_events WHERE at >= @from AND at < @to AND to_state = 'granted')`,
  messagesPerDay: `WITH d AS (
      SELECT json_extract(value, '$.date') AS date, json_extract(value, '$.start') AS s, json_extract(value, '$.end') AS e FROM json_each(@days))
    SELECT d.date AS date,
      (SELECT count(*) FROM messages m WHERE m.created_at >= d.s AND m.created_at < d.e AND m.direction = 'in') AS inbound,
      (SELECT count(*) FROM messages m WHERE m.created_at >= d.s AND m.created_at < d.e AND m.direction = 'out' AND m.status <> 'failed') AS outbound
    FROM d ORDER BY d.date`,
  // A customer's question starts a waiting stretch when no visible customer
  // message since the shop's last answer came before it; its first-reply time
  // runs to the shop's next answer (staff, their phone or the bot).
  medianFirstReply: `WITH a AS (
      SELECT m.id, m.conversation_id AS cid, m.created_at AS asked FROM messages m
      WHERE m.created_at >= @from AND m.created_at < @to AND m.direction = 'in' AND m.quarantined = 0),
    s AS (
      SELECT a.asked, (SELECT o.created_at FROM messages o WHERE o.conversation_id = a.cid AND o.id > a.id AND ${ANSWERS('o')}
          ORDER BY o.id LIMIT 1) AS answered
      FROM a
      WHERE NOT EXISTS (SELECT 1 FROM messages p WHERE p.conversation_id = a.cid AND p.id < a.id AND p.direction = 'in' AND p.quarantined = 0
        AND p.id > coalesce((SELECT max(o.id) FROM messages o WHERE o.conversation_id = a.cid AND o.id < a.id AND ${ANSWERS('o')}), 0))),
    v AS MATERIALIZED (SELECT (answered - asked) / 1000.0 AS x FROM s WHERE answered IS NOT NULL)
    ${MEDIAN}`,
  readRate: `SELECT count(*) AS sent, coalesce(sum(status = 'read'), 0) AS read FROM messages
    WHERE created_at >= @from AND created_at < @to AND direction = 'out' AND status IN ('sent', 'delivered', 'read')`,
  firstMessageId: `SELECT min(id + 0) AS id FROM messages WHERE created_at >= @from`,
  // Episodes: a conversation's messages after its previous resolution up to
  // this one. An episode belongs to the period its first visible customer
  // message falls in; the bot resolved it when the bot wrote in it, no staff
  // member (app or phone) did and it was not handed over.
  botResolved: `WITH ep AS (
      SELECT r.conversation_id AS cid, r.message_id AS hi,
        coalesce((SELECT max(p.message_id) FROM conversation_marks p
          WHERE p.kind = 'resolved' AND p.conversation_id = r.conversation_id AND p.message_id < r.message_id), 0) AS lo
      FROM conversation_marks r WHERE r.kind = 'resolved' AND r.message_id >= @firstId),
    e AS MATERIALIZED (
      SELECT ep.*, (SELECT m.created_at FROM messages m WHERE m.conversation_id = ep.cid AND m.id > ep.lo AND m.id <= ep.hi
          AND m.direction = 'in' AND m.quarantined = 0 ORDER BY m.id LIMIT 1) AS started
      FROM ep)
    SELECT count(*) AS resolved, coalesce(sum(
        EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = e.cid AND m.id > e.lo AND m.id <= e.hi AND m.author = 'bot')
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = e.cid AND m.id > e.lo AND m.id <= e.hi AND m.author IN ('staff', 'phone'))
        AND NOT EXISTS (SELECT 1 FROM conversation_marks h WHERE h.kind = 'handover' AND h.conversation_id = e.cid
          AND h.message_id > e.lo AND h.message_id <= e.hi)), 0) AS by_bot
    FROM e WHERE e.started >= @from AND e.started < @to`,
  casesByType: `WITH c AS (
      SELECT k.type, (SELECT min(h.at) FROM case_history h WHERE h.case_id = k.id
          AND h.to_status IN (SELECT value FROM json_each(@done))) - k.created_at AS ms
      FROM cases k WHERE k.created_at >= @from AND k.created_at < @to),
    r AS (
      SELECT type, ms, row_number() OVER (PARTITION BY type ORDER BY ms) AS rn, count(*) OVER (PARTITION BY type) AS n
      FROM c WHERE ms IS NOT NULL)
    SELECT t.type, t.n AS count,
      (SELECT avg(r.ms) FROM r WHERE r.type = t.type AND r.rn IN ((r.n + 1) / 2, (r.n + 2) / 2)) / 3600000.0 AS median_hours
    FROM (SELECT type, count(*) AS n FROM c GROUP BY type) t ORDER BY t.type`,
} as const;

/** Statistics for the manager, computed in SQL over index ranges of the period. */
export class StatsRepo {
  constructor(private readonly db: Db) {}

  compute(q: StatsQuery): StatsRow {
    const p = { from: q.from, to: q.to };
    const one = (sql: string, params: object) => stmt(this.db, sql).get(params) as Record<string, number | null>;
    const firstId = one(STATS_SQL.firstMessageId, { from: q.from }).id;
    const bot = firstId == null ? { resolved: 0, by_bot: 0 } : one(STATS_SQL.botResolved, { ...p, firstId });
    const read = one(STATS_SQL.readRate, p);
    const days = stmt(this.db, STATS_SQL.messagesPerDay).all({
      days: JSON.stringify(q.days.map((d) => ({ date: d.date, start: d.start, end: d.end }))),
    }) as { date: string; inbound: number; outbound: number }[];
    const cases = stmt(this.db, STATS_SQL.casesByType).all({ ...p, done: JSON.stringify(q.doneStatuses) }) as {
      type: string;
      count: number;
      median_hours: number | null;
    }[];
    return {
      optIns: one(STATS_SQL.optIns, p).n ?? 0,
      optOuts: one(STATS_SQL.optOuts, p).n ?? 0,
      consenting: one(STATS_SQL.consenting, p).n ?? 0,
      messagesPerDay: days.map((d) => ({ date: d.date, in: d.inbound, out: d.outbound })),
      medianFirstReplySeconds: one(STATS_SQL.medianFirstReply, p).median ?? null,
      sent: read.sent ?? 0,
      read: read.read ?? 0,
      resolved: bot.resolved ?? 0,
      resolvedByBot: bot.by_bot ?? 0,
      casesByType: cases.map((c) => ({ type: c.type, count: c.count, medianHoursToDone: c.median_hours })),
    };
  }
}
