/**
 * `npm run bench`: what the app's layers cost on top of raw SQLite, measured
 * in the same run on the same machine. Prints figures and ratios; asserts nothing.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventBus } from '../main/core/event-bus';
import { Messaging } from '../main/core/messaging';
import { ConsentEngine } from '../main/core/consent/engine';
import { Store } from '../main/store';
import { migrate } from '../main/store/db';

const N_CONTACTS = 2_000;
const N_MESSAGES = 20_000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const phoneOf = (i: number) => `+49151${String(10_000_000 + i)}`;
const words = ['Fahrrad', 'Reparatur', 'Abholung', 'Paket', 'Rechnung', 'Termin', 'Kette', 'Bremse', 'Schlauch', 'Licht'];
const bodyOf = (i: number) => `${words[i % 10]} ${words[(i * 7) % 10]} Nachricht ${i}`;

function time(label: string, fn: () => void): number {
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  return ms;
}

const rows: { name: string; app: number; raw: number; unit: string; n: number }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'tresen-bench-'));
try {
  // Raw baseline: same schema, hand-written inserts in one transaction per message.
  const raw = new Database(join(dir, 'raw.sqlite3'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  migrate(raw);
  const store = Store.open(join(dir, 'app'));
  let t = 1_700_000_000_000;
  const clock = { now: () => t++ };
  // The real pipeline: consent rules decide quarantine and queue the consent requests.
  const bus = new EventBus();
  const consent = new ConsentEngine(store, bus, clock, quiet, { demo: true });
  const messaging = new Messaging(store, bus, consent, clock, quiet);
  consent.attach(messaging);

  const insContact = raw.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, ?, ?)');
  const insConv = raw.prepare('INSERT INTO conversations (contact_id) VALUES (?)');
  const findContact = raw.prepare('SELECT id FROM contacts WHERE phone = ?');
  const insMsg = raw.prepare(
    `INSERT INTO messages (conversation_id, external_id, direction, type, body, author, status, created_at)
     VALUES (?, ?, 'in', 'text', ?, 'customer', 'received', ?)`,
  );
  const bump = raw.prepare('UPDATE conversations SET last_message_at = ?, unread = unread + 1 WHERE contact_id = ?');
  const rawReceive = raw.transaction((i: number) => {
    const phone = phoneOf(i % N_CONTACTS);
    let c = findContact.get(phone) as { id: number } | undefined;
    if (!c) {
      const id = Number(insContact.run(phone, i, i).lastInsertRowid);
      insConv.run(id);
      c = { id };
    }
    insMsg.run(c.id, `raw-${i}`, bodyOf(i), i);
    bump.run(i, c.id);
  });

  const rawIn = time('raw', () => {
    for (let i = 0; i < N_MESSAGES; i++) rawReceive(i);
  });
  const appIn = time('app', () => {
    for (let i = 0; i < N_MESSAGES; i++) {
      const phone = phoneOf(i % N_CONTACTS);
      messaging.receive({
        externalId: `app-${i}`,
        from: { phone, chatId: `${phone.slice(1)}@c.us` },
        type: 'text',
        body: bodyOf(i),
        sentAt: i,
      });
    }
  });
  rows.push({ name: 'inbound message (consent rules, quarantine)', app: appIn, raw: rawIn, unit: 'msg', n: N_MESSAGES });
  // Half the customers confirm, so the list and pages show revealed conversations too.
  for (let i = 0; i < N_CONTACTS; i += 2) {
    const phone = phoneOf(i);
    messaging.receive({ externalId: `ja-${i}`, from: { phone, chatId: `${phone.slice(1)}@c.us` }, type: 'text', body: 'JA', sentAt: i });
  }

  const LIST_RUNS = 50;
  const rawListStmt = raw.prepare(
    `SELECT c.*, v.* FROM contacts c JOIN conversations v ON v.contact_id = c.id ORDER BY v.last_message_at DESC LIMIT 500`,
  );
  const rawList = time('raw', () => {
    for (let i = 0; i < LIST_RUNS; i++) rawListStmt.all();
  });
  const appList = time('app', () => {
    for (let i = 0; i < LIST_RUNS; i++) store.contacts.list({ limit: 500 });
  });
  rows.push({ name: 'contact list (500 rows, preview + consent)', app: appList, raw: rawList, unit: 'list', n: LIST_RUNS });

  const SEARCH_RUNS = 200;
  const rawSearchStmt = raw.prepare(
    `SELECT DISTINCT m.conversation_id FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? LIMIT 500`,
  );
  const rawSearch = time('raw', () => {
    for (let i = 0; i < SEARCH_RUNS; i++) rawSearchStmt.all(`"${words[i % 10]}"*`);
  });
  const appSearch = time('app', () => {
    for (let i = 0; i < SEARCH_RUNS; i++) store.contacts.list({ search: words[i % 10]!, limit: 500 });
  });
  rows.push({ name: 'search (FTS5 prefix)', app: appSearch, raw: rawSearch, unit: 'search', n: SEARCH_RUNS });

  const PAGE_RUNS = 2_000;
  const rawPageStmt = raw.prepare(
    `SELECT * FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT 100`,
  );
  const rawPage = time('raw', () => {
    for (let i = 0; i < PAGE_RUNS; i++) rawPageStmt.all((i % N_CONTACTS) + 1, Number.MAX_SAFE_INTEGER);
  });
  const appPage = time('app', () => {
    for (let i = 0; i < PAGE_RUNS; i++) store.messages.page((i % N_CONTACTS) + 1, { limit: 100 });
  });
  rows.push({ name: 'conversation page (100 messages)', app: appPage, raw: rawPage, unit: 'page', n: PAGE_RUNS });

  raw.close();
  store.close();

  console.log(`Tresen store benchmark — ${N_CONTACTS} contacts, ${N_MESSAGES} messages, node ${process.version}\n`);
  console.log('operation'.padEnd(44), 'app/op'.padStart(10), 'raw/op'.padStart(10), 'ratio'.padStart(7));
  for (const r of rows) {
    const per = (ms: number) => `${((ms * 1000) / r.n).toFixed(1)} µs`;
    console.log(r.name.padEnd(44), per(r.app).padStart(10), per(r.raw).padStart(10), `${(r.app / r.raw).toFixed(2)}x`.padStart(7));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
