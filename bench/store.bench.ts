/**
 * `npm run bench -- [--contacts N] [--messages M] [--cases K] [--quick] [--out FILE] [--no-serve]`
 *
 * Builds a deterministic dataset in a temp folder through the real inbound
 * path (dedupe, contact lookup, consent rules, quarantine, events) and, in the
 * same run on the same rows, into a bare raw-SQLite database with hand-written
 * prepared statements. Every figure is printed beside its raw baseline and its
 * goal, and written to bench-results.json. Asserts nothing.
 *
 * Query figures are taken at 10,000, 100,000 and 1,000,000 messages (those the
 * run reaches) so the growth of each cost is visible.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CaseListInput } from '../main/contract/cases';
import type { InboundMessage } from '../main/core/channel';
import { createCases } from '../main/core/cases';
import { shopContextFrom } from '../main/core/cases/shop';
import { ConsentEngine } from '../main/core/consent/engine';
import { EventBus } from '../main/core/event-bus';
import { MediaStore } from '../main/core/media-store';
import { Messaging } from '../main/core/messaging';
import { Store } from '../main/store';
import { startWalCheckpointer } from '../main/store/checkpointer';
import { toFoldedFtsQuery } from '../main/store/fold';
import type { InboxFilter } from '../main/store/inbox-repo';
import { coldStart } from './cold-start';
import { caseOf, Dataset, searchQueries } from './dataset';
import { Raw } from './raw-baseline';

// ------------------------------------------------------------------ options
const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string' },
    messages: { type: 'string' },
    cases: { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results.json' },
    'no-serve': { type: 'boolean', default: false },
    'keep-dir': { type: 'boolean', default: false },
    'serve-bundle': { type: 'string' },
    'ui-results': { type: 'string', default: 'test-results/bench-ui.json' },
  },
  strict: true,
});
const N_CONTACTS = Number(args.contacts ?? (args.quick ? 2_000 : 20_000));
const N_MESSAGES = Number(args.messages ?? (args.quick ? 20_000 : 1_000_000));
const N_CASES = Number(args.cases ?? (args.quick ? 500 : 5_000));
if (!(N_CONTACTS >= 2) || !(N_MESSAGES >= 100) || !(N_CASES >= 0)) throw new Error('--contacts must be ≥ 2, --messages ≥ 100 and --cases ≥ 0');
const BATCH = 500;
const LIVE = Math.min(5_000, Math.max(500, Math.floor(N_MESSAGES / 20)));
const RUNS = args.quick ? 100 : 200;
const CHECKPOINTS = [...new Set([10_000, 100_000, 1_000_000, N_MESSAGES].filter((n) => n <= N_MESSAGES))].sort((a, b) => a - b);

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const progress = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');

// ------------------------------------------------------------------ stats
function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
function sample(n: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}
const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

// ------------------------------------------------------------------ the run
interface QueryFigures {
  messages: number;
  inbox_p95_ms: number | null;
  inbox_last_page_p95_ms: number | null;
  /** A filtered view's first page (mine, unassigned, by consent, waiting), including a view nobody matches. */
  inbox_filtered_p95_ms: number | null;
  open_p95_ms: number | null;
  older_page_p95_ms: number | null;
  search_p50_ms: number | null;
  search_p95_ms: number | null;
  raw: Record<string, number | null>;
}

async function run(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), 'tresen-bench-'));
const appDir = join(dir, 'app');
mkdirSync(appDir);
const results: Record<string, unknown> = {};
try {
  progress(`dataset: ${fmt(N_CONTACTS)} contacts, ${fmt(N_MESSAGES)} messages (seeded), folder ${dir}`);
  const raw = new Raw(join(dir, 'raw.sqlite3'));
  const store = Store.open(appDir);
  // As the app does (main/app.ts): WAL checkpoints in a worker thread. Raw keeps SQLite's own.
  const checkpointer = startWalCheckpointer(store.db, { onError: (message) => progress(`checkpoint: ${message}`) });
  let t = Date.parse('2026-01-05T08:00:00Z');
  const clock = { now: () => t++ };
  const bus = new EventBus();
  let events = 0;
  bus.subscribe(() => {
    events++;
  });
  const consent = new ConsentEngine(store, bus, clock, quiet, { demo: true });
  const messaging = new Messaging(store, bus, consent, clock, quiet);
  consent.attach(messaging);
  // Service cases as the app wires them (main/app.ts): a grant of consent looks up the cases whose
  // status message was held back, so they are part of the inbound path measured below.
  const cases = createCases({
    store,
    bus,
    messaging,
    consent,
    mediaStore: new MediaStore({ dataDir: appDir, store }),
    clock,
    logger: quiet,
    ...shopContextFrom(() => consent.settings(), (id) => store.contacts.byId(id)),
    // No reminders are due in the benchmark; nothing is planned.
    timer: { wakeAt: () => {}, cancel: () => {}, stop: () => {} },
  });
  const batchIn = (msgs: InboundMessage[]) => {
    const m = messaging as unknown as { receiveBatch?: (x: { msg: InboundMessage }[]) => { ok: boolean; error?: string }[] };
    if (m.receiveBatch) {
      const failed = m.receiveBatch(msgs.map((msg) => ({ msg }))).filter((o) => !o.ok);
      if (failed.length > 0) throw new Error(`${failed.length} messages of a batch were refused: ${failed[0]!.error}`);
    } else for (const msg of msgs) messaging.receive(msg);
  };

  // The shop's cases first, through their service (numbering, history, events): customers are
  // expected in the shop before they write, and some never do.
  progress(`cases: ${fmt(N_CASES)} through the case service …`);
  for (let i = 0; i < N_CASES; i++) cases.service.create(caseOf(i, N_CONTACTS), 'bench');
  const data = new Dataset(N_CONTACTS);
  const queries = searchQueries(N_CONTACTS, 200);
  let appMs = 0;
  let rawMs = 0;
  let built = 0;
  let lastReport = performance.now();
  const growth: QueryFigures[] = [];
  const started = performance.now();
  for (const target of CHECKPOINTS) {
    while (built < target) {
      const n = Math.min(BATCH, target - built);
      const msgs: InboundMessage[] = [];
      for (let k = 0; k < n; k++) msgs.push(data.next(built + k).msg);
      t = Math.max(t, msgs[0]!.sentAt);
      // Alternate which side goes first, so neither always finds a warmer cache.
      const appFirst = (built / BATCH) % 2 === 0;
      const runRaw = () => {
        const r0 = performance.now();
        raw.receiveBatch(msgs);
        rawMs += performance.now() - r0;
      };
      if (!appFirst) runRaw();
      const a0 = performance.now();
      batchIn(msgs);
      appMs += performance.now() - a0;
      if (appFirst) runRaw();
      built += n;
      if (performance.now() - lastReport > 2_000) {
        lastReport = performance.now();
        const el = (lastReport - started) / 1000;
        progress(
          `ingest ${fmt(built)} / ${fmt(N_MESSAGES)} messages — app ${fmt(Math.round((built / appMs) * 1000))} msg/s, raw ${fmt(Math.round((built / rawMs) * 1000))} msg/s, ${el.toFixed(0)} s elapsed`,
        );
      }
    }
    progress(`measuring queries at ${fmt(built)} messages …`);
    growth.push(measureQueries(built));
    const g = growth[growth.length - 1]!;
    progress(`  at ${fmt(built)}: inbox p95 ${g.inbox_p95_ms} ms, filtered ${g.inbox_filtered_p95_ms} ms, last page ${g.inbox_last_page_p95_ms} ms, open ${g.open_p95_ms} ms, older ${g.older_page_p95_ms} ms, search p95 ${g.search_p95_ms} ms`);
  }
  results.ingest_batch_msgs_per_s = Math.round((built / appMs) * 1000);
  results.raw_batch_msgs_per_s = Math.round((built / rawMs) * 1000);
  results.ingest_batch_ratio = round(rawMs / appMs, 3);

  // Live: one message per call (and per transaction), after the book exists.
  progress(`live ingest: ${fmt(LIVE)} messages one at a time …`);
  let liveApp = 0;
  let liveRaw = 0;
  for (let k = 0; k < LIVE; k++) {
    const { msg } = data.next(built + k);
    t = Math.max(t, msg.sentAt);
    const r0 = performance.now();
    raw.receiveOne(msg);
    liveRaw += performance.now() - r0;
    const a0 = performance.now();
    messaging.receive(msg);
    liveApp += performance.now() - a0;
    if (performance.now() - lastReport > 2_000) {
      lastReport = performance.now();
      progress(`  live ${fmt(k)} / ${fmt(LIVE)}`);
    }
  }
  results.ingest_live_msgs_per_s = Math.round((LIVE / liveApp) * 1000);
  results.raw_live_msgs_per_s = Math.round((LIVE / liveRaw) * 1000);
  results.ingest_live_ratio = round(liveRaw / liveApp, 3);
  progress(`events emitted during ingest: ${fmt(events)}`);

  // The Cases view's list as the API answers it (`cases.list`, 50 a page): newest first, open ones,
  // overdue ones, one customer's, one type and status, and the page after the first.
  const caseFilters: CaseListInput[] = [{}, { open: true }, { overdue: true }, { phone: caseOf(1, N_CONTACTS).phone }, { type: 'repair', status: 'received' }];
  const secondPage = cases.service.list({}).next;
  if (N_CASES > 50 && !secondPage) throw new Error('the case list has no second page');
  if (secondPage) caseFilters.push({ cursor: secondPage });
  const caseList = sample(RUNS, (i) => cases.service.list(caseFilters[i % caseFilters.length]!));
  results.cases = N_CASES;
  results.cases_list_p95_ms = round(pct(caseList, 95), 3);
  progress(`cases list p95 ${results.cases_list_p95_ms} ms (${fmt(N_CASES)} cases)`);

  const final = growth[growth.length - 1]!;
  Object.assign(results, {
    inbox_p95_ms: final.inbox_p95_ms,
    inbox_last_page_p95_ms: final.inbox_last_page_p95_ms,
    inbox_filtered_p95_ms: final.inbox_filtered_p95_ms,
    open_p95_ms: final.open_p95_ms,
    older_page_p95_ms: final.older_page_p95_ms,
    search_p50_ms: final.search_p50_ms,
    search_p95_ms: final.search_p95_ms,
  });

  // The consent texts the rules queued went out within seconds on a connected
  // line; the benchmark has none, so mark them sent as the line would have.
  // (Otherwise serve mode's start would begin by sending tens of thousands.)
  const queued = store.db.prepare(`UPDATE outbox SET state = 'sent' WHERE state = 'queued'`).run().changes;
  store.db.prepare(`UPDATE messages SET status = 'sent' WHERE direction = 'out' AND status = 'queued'`).run();
  progress(`consent texts queued during ingest, marked sent: ${fmt(queued)}`);

  // Size on disk (after a checkpoint folds the WAL in).
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  raw.db.pragma('wal_checkpoint(TRUNCATE)');
  const total = built + LIVE;
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const appBytes = size(join(appDir, 'tresen.sqlite3')) + size(join(appDir, 'tresen.sqlite3-wal'));
  const rawBytes = size(join(dir, 'raw.sqlite3')) + size(join(dir, 'raw.sqlite3-wal'));
  results.db_mb_per_million = round(((appBytes / 2 ** 20) * 1e6) / total, 1);
  const rawDbMbPerMillion = round(((rawBytes / 2 ** 20) * 1e6) / total, 1);
  await checkpointer?.stop();
  store.close();
  raw.db.close();

  // Cold start of serve mode on this data, to the first inbox page answered.
  let serveFigures: { cold_start_ms: number | null; rss_mb: number | null } = { cold_start_ms: null, rss_mb: null };
  if (!args['no-serve'] && args['serve-bundle']) {
    progress('cold start: serve mode on the benchmark data …');
    serveFigures = await coldStart(resolve(args['serve-bundle']), appDir, progress);
  }
  Object.assign(results, serveFigures);

  // UI figures come from `npm run bench:ui` (Playwright), merged when present.
  const ui = readUi(args['ui-results']!);
  Object.assign(results, {
    ui_incoming_p95_ms: ui.ui_incoming_p95_ms ?? null,
    ui_longest_task_ms: ui.ui_longest_task_ms ?? null,
    ui_key_to_paint_p95_ms: ui.ui_key_to_paint_p95_ms ?? null,
    burst_lost: ui.burst_lost ?? null,
    burst_visible_s: ui.burst_visible_s ?? null,
  });
  results.machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${process.platform} ${process.arch}, node ${process.version}`;
  results.contacts = N_CONTACTS;
  results.messages = total;
  results.growth = growth;
  results.raw = { ...final.raw, db_mb_per_million: rawDbMbPerMillion };
  results.ui_measured_at = ui.measured_at ?? null;

  writeFileSync(args.out!, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results, final, growth);
  progress(`written: ${resolve(args.out!)}`);

  // ---------------------------------------------------------------- helpers
  function measureQueries(atMessages: number): QueryFigures {
    const s = new Store(store.db);
    const bigConv = s.messages.conversationIdOf(s.contacts.byPhone(data.bigPhone())!.id)!;
    const orders = ['waiting', 'activity'] as const;
    const inbox = sample(RUNS, (i) => {
      s.inbox.page({ status: 'open' }, orders[i % 2]!, undefined, 50);
      s.inbox.counts(null);
    });
    // The filtered views (mine, unassigned, by consent, waiting) walk their status's order and test the
    // filter in the index entry; a profile with no conversation is the worst case, a walk over all of them.
    const nobody = Number(store.db.prepare('SELECT coalesce(max(id), 0) + 1 FROM profiles').pluck().get());
    const views: InboxFilter[] = [
      { status: 'open', assigneeId: nobody },
      { status: 'open', assigneeId: null },
      { status: 'open', serviceState: 'granted' },
      { status: 'open', serviceState: 'revoked' },
      { status: 'open', waitingOnly: true },
    ];
    const filtered = sample(RUNS, (i) => s.inbox.page(views[i % views.length]!, orders[i % 2]!, undefined, 50));
    const rawInboxStmt = raw.db.prepare(
      `SELECT c.*, (SELECT body FROM messages m WHERE m.contact_id = c.id ORDER BY m.id DESC LIMIT 1) AS preview
       FROM contacts c WHERE (c.last_at, c.id) < (?, ?) ORDER BY c.last_at DESC, c.id DESC LIMIT 50`,
    );
    const rawCount = raw.db.prepare('SELECT count(*), sum(unread) FROM contacts');
    const rawInbox = sample(RUNS, () => {
      rawInboxStmt.all(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      rawCount.get();
    });
    // Paging to the end of the book, 50 rows a page, each page timed.
    const walk: number[] = [];
    for (const order of orders) {
      let after: [number, number] | undefined;
      for (;;) {
        const t0 = performance.now();
        const p = s.inbox.page({ status: 'open' }, order, after, 50);
        walk.push(performance.now() - t0);
        if (!p.last || p.rows.length < 50) break;
        after = p.last;
      }
    }
    const rawWalk: number[] = [];
    let pos: [number, number] = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    for (;;) {
      const t0 = performance.now();
      const rows = rawInboxStmt.all(...pos) as { id: number; last_at: number }[];
      rawWalk.push(performance.now() - t0);
      if (rows.length < 50) break;
      pos = [rows[49]!.last_at, rows[49]!.id];
    }
    // Opening the long conversation (last 50) and an older page deep inside it.
    const open = sample(RUNS, () => s.messages.page(bigConv, { limit: 50 }));
    const bigRaw = raw.db.prepare('SELECT id FROM contacts WHERE phone = ?').pluck().get(data.bigPhone()) as number;
    const rawPage = raw.db.prepare('SELECT * FROM messages WHERE contact_id = ? AND id < ? ORDER BY id DESC LIMIT 50');
    const rawOpen = sample(RUNS, () => rawPage.all(bigRaw, Number.MAX_SAFE_INTEGER));
    const appIds = store.db.prepare('SELECT id FROM messages WHERE conversation_id = ? AND quarantined = 0 ORDER BY id').pluck().all(bigConv) as number[];
    const rawIds = raw.db.prepare('SELECT id FROM messages WHERE contact_id = ? ORDER BY id').pluck().all(bigRaw) as number[];
    const deep = (ids: number[], i: number) => ids[Math.floor(((i * 37) % 100) / 1000 * ids.length) + 50] ?? ids[ids.length - 1]!;
    const older = sample(RUNS, (i) => s.messages.page(bigConv, { beforeId: deep(appIds, i), limit: 50 }));
    const rawOlder = sample(RUNS, (i) => rawPage.all(bigRaw, deep(rawIds, i)));
    // Search as the inbox asks it: the conversations that match, and the message hits.
    const search = sample(queries.length, (i) => {
      s.inbox.page({ status: 'open', search: queries[i]! }, 'activity', undefined, 50);
      s.inbox.searchMessages(queries[i]!, undefined, 50);
    });
    const rawFts = raw.db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT 50');
    const rawNames = raw.db.prepare("SELECT id FROM contacts WHERE name LIKE ? || '%' OR phone LIKE ? || '%' LIMIT 50");
    const rawSearch = sample(queries.length, (i) => {
      const q = queries[i]!;
      const digits = /^[\d\s+/().-]+$/.test(q) ? q.replace(/\D/g, '').replace(/^00/, '') : '';
      // The app's query text (only the word being typed is a prefix), asked the plain way: the app
      // also looks the prefix up as its index terms (main/store/prefix-terms.ts), the baseline does not.
      const words = toFoldedFtsQuery(q, 'last');
      if (words) rawFts.all(words);
      rawNames.all(q, `+${digits || q}`);
    });
    const r = (xs: number[], p = 95) => round(pct(xs, p), 3);
    return {
      messages: atMessages,
      inbox_p95_ms: r(inbox),
      inbox_last_page_p95_ms: r(walk),
      inbox_filtered_p95_ms: r(filtered),
      open_p95_ms: r(open),
      older_page_p95_ms: r(older),
      search_p50_ms: r(search, 50),
      search_p95_ms: r(search),
      raw: {
        inbox_p95_ms: r(rawInbox),
        inbox_last_page_p95_ms: r(rawWalk),
        open_p95_ms: r(rawOpen),
        older_page_p95_ms: r(rawOlder),
        search_p50_ms: r(rawSearch, 50),
        search_p95_ms: r(rawSearch),
        big_conversation_messages: appIds.length,
      },
    };
  }
} finally {
  if (args['keep-dir']) progress(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

function readUi(file: string): Record<string, number | string | undefined> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number | string | undefined>;
  } catch {
    return {};
  }
}

function printTable(r: Record<string, unknown>, final: QueryFigures, growth: QueryFigures[]): void {
  const rows: [string, string, unknown, unknown, string][] = [
    ['ingest, catch-up batches of 500', 'msg/s', r.ingest_batch_msgs_per_s, r.raw_batch_msgs_per_s, ''],
    ['  ratio to raw', '', r.ingest_batch_ratio, '', '≥ 0.35'],
    ['ingest, live (one per call)', 'msg/s', r.ingest_live_msgs_per_s, r.raw_live_msgs_per_s, ''],
    ['  ratio to raw', '', r.ingest_live_ratio, '', '≥ 0.2'],
    ['inbox first page + counts p95', 'ms', r.inbox_p95_ms, final.raw.inbox_p95_ms, '≤ 10'],
    ['inbox paging to the end p95', 'ms', r.inbox_last_page_p95_ms, final.raw.inbox_last_page_p95_ms, '≤ 10'],
    ['inbox filtered view p95', 'ms', r.inbox_filtered_p95_ms, '', '≤ 10'],
    ['open conversation (last 50) p95', 'ms', r.open_p95_ms, final.raw.open_p95_ms, '≤ 10'],
    ['older page deep inside p95', 'ms', r.older_page_p95_ms, final.raw.older_page_p95_ms, '≤ 10'],
    ['search p50', 'ms', r.search_p50_ms, final.raw.search_p50_ms, ''],
    ['search p95', 'ms', r.search_p95_ms, final.raw.search_p95_ms, '≤ 10'],
    [`cases list p95 (${fmt(Number(r.cases))} cases)`, 'ms', r.cases_list_p95_ms, '', '≤ 10'],
    ['cold start to first inbox page', 'ms', r.cold_start_ms, '', '≤ 1000'],
    ['peak RSS of the server', 'MB', r.rss_mb, '', '≤ 300'],
    ['database size per 1M messages', 'MB', r.db_mb_per_million, (r.raw as Record<string, unknown>).db_mb_per_million, ''],
    ['UI: incoming message visible p95', 'ms', r.ui_incoming_p95_ms, '', '≤ 100'],
    ['UI: longest task', 'ms', r.ui_longest_task_ms, '', '≤ 50'],
    ['UI: key to paint p95', 'ms', r.ui_key_to_paint_p95_ms, '', '≤ 100'],
    ['burst of 2,000: lost', '', r.burst_lost, '', '0'],
    ['burst of 2,000: all visible after', 's', r.burst_visible_s, '', '≤ 5'],
  ];
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'number' ? fmt(v) : String(v));
  console.log(`\nTresen benchmark — ${fmt(Number(r.contacts))} contacts, ${fmt(Number(r.messages))} messages, ${fmt(Number(r.cases))} cases\n${String(r.machine)}\n`);
  console.log(`${'figure'.padEnd(36)}${'unit'.padEnd(6)}${'app'.padStart(12)}${'raw'.padStart(12)}${'goal'.padStart(10)}`);
  for (const [name, unit, app, rawV, goal] of rows) {
    console.log(`${name.padEnd(36)}${unit.padEnd(6)}${show(app).padStart(12)}${show(rawV).padStart(12)}${goal.padStart(10)}`);
  }
  console.log('\ngrowth (app p95 ms; search p50/p95):');
  console.log(`${'messages'.padStart(10)}${'inbox'.padStart(9)}${'filter'.padStart(9)}${'paging'.padStart(9)}${'open'.padStart(9)}${'older'.padStart(9)}${'search'.padStart(16)}`);
  for (const g of growth) {
    console.log(
      `${fmt(g.messages).padStart(10)}${show(g.inbox_p95_ms).padStart(9)}${show(g.inbox_filtered_p95_ms).padStart(9)}${show(g.inbox_last_page_p95_ms).padStart(9)}${show(g.open_p95_ms).padStart(9)}${show(g.older_page_p95_ms).padStart(9)}${`${show(g.search_p50_ms)} / ${show(g.search_p95_ms)}`.padStart(16)}`,
    );
  }
  console.log('');
}
