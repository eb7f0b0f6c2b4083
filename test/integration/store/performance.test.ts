import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, Store } from '../../../main/store';
import { BOOK_SEARCH_PAGE, CONTACT_BY_CHAT_ID, ROWS_BY_CONTACT_IDS, ROWS_BY_IDS, searchMatch } from '../../../main/store/contacts-repo';
import { LAST_STAFF_MESSAGE } from '../../../main/store/bot-repo';
import { CONSENT_STATE, LAST_END_OF_CYCLE, LAST_QUEUED_AT, LAST_REVOCATION, LATEST_AT, QUEUED_SINCE } from '../../../main/store/consent-repo';
import { FEW_MATCHES, InboxRepo, MATCHES_AT_MOST, MATCHING_CONVERSATION_IDS } from '../../../main/store/inbox-repo';
import { MESSAGE_PAGE_AFTER, MESSAGE_PAGE_BEFORE, QUARANTINED_BEFORE, QUARANTINED_IN } from '../../../main/store/messages-repo';
import { migrations } from '../../../main/store/migrations';
import { migration013 } from '../../../main/store/migrations/013_performance';
import { migration014 } from '../../../main/store/migrations/014_ingest';
import { migration017 } from '../../../main/store/migrations/017_inbox_orders';
import { CASE_STATUSES, CASE_TYPES } from '../../../main/contract/constants';
import type { CaseFilter, CaseRow } from '../../../main/store/cases-repo';
import { caseRow } from '../../helpers/case-row';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const NAMES = ['Jürgen Müller', 'Käthe Großmann', 'Sören Öztürk', 'Anna Weiß', 'Björn Bäcker'];

/** `n` contacts with German names, numbers and a few messages each (half the conversations answered). */
function seed(store: Store, n: number, analyze = true): void {
  store.tx(() => {
    for (let i = 0; i < n; i++) {
      const c = store.contacts.create(`+49171${String(1_000_000 + i)}`, T0 + i, null);
      store.contacts.setName(c.id, `${NAMES[i % NAMES.length]} ${i}`, T0 + i);
      const conversationId = store.messages.conversationIdOf(c.id)!;
      // The consent history a real book has: asked, then granted (what the list's "since" reads).
      const ask = { contactId: c.id, purpose: 'service' as const, triggerKind: 'message', triggerRef: null, policyVersion: null, policyHash: null };
      store.consent.append({ ...ask, from: 'none', to: 'requested', at: T0 + i * 10 });
      store.consent.append({ ...ask, from: 'requested', to: 'granted', at: T0 + i * 10 + 1 });
      for (let k = 0; k < 4; k++) {
        const out = k % 2 === 1 && i % 2 === 0;
        store.messages.insert({
          conversationId,
          externalId: `m-${i}-${k}`,
          direction: out ? 'out' : 'in',
          type: 'text',
          body: out ? `Ihre Größe ${i} ist da` : `Frage zur Rückgabe ${i}, Straße ${k}`,
          author: out ? 'staff' : 'customer',
          status: out ? 'sent' : 'received',
          createdAt: T0 + i * 10 + k,
        });
      }
    }
  });
  if (analyze) store.db.exec('ANALYZE');
}

/** The same day of a conversation under a schema: resolved, snoozed, reopened, answered; the summary row after each step. */
function conversationDay(list: typeof migrations) {
  const db = new Database(join(tempDir(), 'd.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, list);
  const s = new Store(db);
  const c = s.contacts.create('+4917112345678', T0, null);
  const conv = s.messages.conversationIdOf(c.id)!;
  const states: unknown[] = [];
  const row = () => states.push(db.prepare('SELECT status, snooze_until, unread, last_message_at, last_activity_at, waiting_since, preview_message_id FROM conversations WHERE id = ?').get(conv));
  let n = 0;
  const msg = (direction: 'in' | 'out', extra: Partial<Parameters<Store['messages']['insert']>[0]> = {}) =>
    s.messages.insert({ conversationId: conv, direction, type: 'text', body: `m${++n}`, author: direction === 'in' ? 'customer' : 'staff', status: direction === 'in' ? 'received' : 'queued', createdAt: T0 + n * 10, ...extra });
  msg('in'); row();
  msg('out'); row();
  s.inbox.setStatus(conv, 'resolved', null);
  msg('out'); row();
  msg('in'); row();
  s.inbox.setStatus(conv, 'snoozed', T0 + 99_999);
  msg('out', { author: 'system' }); row();
  msg('in', { quarantined: true }); row();
  msg('in'); row();
  s.inbox.setStatus(conv, 'pending', null);
  msg('in'); row();
  // Waiting: an automatic text is no answer, the API's text is, a held-back message changes nothing.
  msg('out', { author: 'system' }); row();
  msg('in'); row();
  msg('out', { author: 'system', authorName: 'Lokale API' }); row();
  msg('in', { quarantined: true }); row();
  msg('out', { author: 'phone' }); row();
  msg('out'); row();
  msg('in'); row();
  const marks = db.prepare('SELECT kind, message_id FROM conversation_marks WHERE conversation_id = ? ORDER BY rowid').all(conv);
  db.close();
  return { states, marks };
}

const plan = (store: Store, sql: string, params: unknown): string =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[]).map((r) => r.detail).join('\n');
/** A full scan of a stored table (SCAN of a table or alias without an index) — never on a hot path. */
const FULL_SCAN = /\bSCAN (v|c|m|x|a|e|l|cl|lm|md|q|conversations|contacts|messages|contact_addresses|consent_events)\b(?! USING)/;

describe('hot queries at scale (EXPLAIN QUERY PLAN)', () => {
  it('inbox first page and every later page by waiting and by activity: one keyset range on the view index, no sort', () => {
    const store = Store.open(tempDir());
    seed(store, 300);
    for (const [order, index] of [['waiting', 'conversations_waiting'], ['activity', 'conversations_activity']] as const) {
      for (const after of [undefined, [T0 + 100, 50] as [number, number]]) {
        const q = store.inbox.pageQuery({ status: 'open' }, order, after, 50);
        const p = plan(store, q.sql, q.params);
        expect(p).toMatch(new RegExp(`SEARCH v USING (COVERING )?INDEX ${index} \\(status=\\? AND`));
        expect(p).not.toMatch(FULL_SCAN);
        expect(p).not.toMatch(/TEMP B-TREE/);
        expect(q.sql).not.toMatch(/OFFSET/i);
      }
    }
    // Filling the page: by primary key from the ids; the per-row subqueries each one index seek.
    const fill = plan(store, ROWS_BY_IDS, ['[1,2,3]']);
    expect(fill).not.toMatch(FULL_SCAN);
    expect(fill).not.toMatch(/TEMP B-TREE/);
    expect(fill).toMatch(/SEARCH m USING COVERING INDEX messages_quarantined/);
    // The consent "since" of each row comes with the conversation (023): no consent event is read at all.
    expect(fill).not.toMatch(/consent_events/);
    // The rows a batch announces, by contact: the same seeks, driven from the ids.
    const byContact = plan(store, ROWS_BY_CONTACT_IDS, ['[1,2,3]']);
    expect(byContact).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(byContact).toMatch(/SEARCH v USING INDEX sqlite_autoindex_conversations_1 \(contact_id=\?\)/);
    expect(byContact).not.toMatch(FULL_SCAN);
    expect(byContact).not.toMatch(/TEMP B-TREE|consent_events/);
    store.close();
  });

  it("the consent gate's lookups seek the contact's own events, never one purpose's whole history", () => {
    const store = Store.open(tempDir());
    // As a shop's database is: never analysed, so the planner goes by its own rules.
    seed(store, 300, false);
    for (const [sql, params] of [[LAST_END_OF_CYCLE, [7, 'service']], [LAST_REVOCATION, [7]], [CONSENT_STATE, [7, 'marketing']], [LATEST_AT, [7, 'service']]] as const) {
      const p = plan(store, sql, params);
      // Covering (019): state, previous state and time come from the index entry, no event row is read.
      expect(p).toMatch(/SEARCH consent_events USING COVERING INDEX consent_events_contact \(contact_id=\?/);
      expect(p).not.toMatch(/TEMP B-TREE/);
      expect(p).not.toMatch(/consent_events_review|consent_events_at/);
    }
    store.close();
  });

  it("the bot's \"has staff written lately?\" is one seek on staff's own messages, whatever the conversation's length", () => {
    const store = Store.open(tempDir());
    seed(store, 20, false);
    const p = plan(store, LAST_STAFF_MESSAGE, [3]);
    expect(p).toMatch(/SEARCH messages USING (COVERING )?INDEX messages_staff_reply \(conversation_id=\?\)/);
    expect(p).not.toMatch(FULL_SCAN);
    // What it answers: the newest message staff wrote (in the app or on the shop's phone), not
    // the customer's, not the texts Tresen sends by itself.
    const conversationId = store.messages.conversationIdOf(store.contacts.create('+4915100000001', T0, null).id)!;
    const write = (direction: 'in' | 'out', author: 'customer' | 'staff' | 'phone' | 'system', at: number) =>
      store.messages.insert({ conversationId, direction, type: 'text', body: 'x', author, status: direction === 'in' ? 'received' : 'sent', createdAt: at });
    expect(store.bot.lastStaffMessageAt(conversationId)).toBeUndefined();
    write('out', 'staff', T0 + 10);
    write('out', 'phone', T0 + 20);
    write('out', 'system', T0 + 30);
    write('in', 'customer', T0 + 40);
    expect(store.bot.lastStaffMessageAt(conversationId)).toBe(T0 + 20);
    store.close();
  });

  it('opening a conversation (last 50), an older page and a newer one: one range on messages_conversation, no sort', () => {
    const store = Store.open(tempDir());
    seed(store, 50);
    for (const before of [Number.MAX_SAFE_INTEGER, 40]) {
      const p = plan(store, MESSAGE_PAGE_BEFORE, [3, before, 50]);
      expect(p).toMatch(/SEARCH m USING INDEX messages_conversation \(conversation_id=\? AND (rowid|id)<\?\)/);
      expect(p).not.toMatch(FULL_SCAN);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    const after = plan(store, MESSAGE_PAGE_AFTER, [3, 40, 500]);
    expect(after).toMatch(/SEARCH m USING INDEX messages_conversation \(conversation_id=\? AND (rowid|id)>\?\)/);
    expect(after).not.toMatch(FULL_SCAN);
    expect(after).not.toMatch(/TEMP B-TREE/);
    store.close();
  });

  it('search: few matches looked up by key and sorted, many found walking the view index; the message hits newest first and bounded', () => {
    const store = Store.open(tempDir());
    // 'Rückgabe' is in every conversation's messages (more than FEW_MATCHES), 'Müller' a fifth of the names, the number one.
    seed(store, FEW_MATCHES + 100);
    for (const text of ['Müller', '0171 1000012']) {
      const q = store.inbox.pageQuery({ status: 'open', search: text }, 'activity', undefined, 50);
      const p = plan(store, q.sql, q.params);
      // The matches (found by both FTS indexes before, see below) drive: each by primary key, then a sort of at most FEW_MATCHES.
      expect(p, p).toMatch(/SCAN h VIRTUAL TABLE INDEX[\s\S]*SEARCH v USING INTEGER PRIMARY KEY/);
      expect(p, p).not.toMatch(/conversations_activity/);
      expect(p, p).not.toMatch(FULL_SCAN);
    }
    const q = store.inbox.pageQuery({ status: 'open', search: 'Rückgabe' }, 'activity', undefined, 50);
    const many = plan(store, q.sql, q.params);
    // Many matches: the matching set from both FTS indexes in the statement; the planner walks the
    // view's order probing each row in it (no sort; at the benchmark's 20,000 open conversations), or
    // looks the matches up by primary key and sorts them: bounded by the contact matches plus MESSAGE_HIT_WINDOW.
    expect(many, many).toMatch(/SEARCH v USING (INDEX conversations_activity|INTEGER PRIMARY KEY)/);
    if (/conversations_activity/.test(many)) expect(many, many).not.toMatch(/TEMP B-TREE/);
    expect(many, many).toMatch(/contact_fts VIRTUAL TABLE INDEX/);
    expect(many, many).toMatch(/SCAN messages_fts VIRTUAL TABLE INDEX[\s\S]*SEARCH m USING INTEGER PRIMARY KEY/);
    expect(many, many).not.toMatch(FULL_SCAN);
    // Which way: the two FTS indexes counted, no row read.
    const bound = plan(store, MATCHES_AT_MOST, searchMatch('Müller'));
    expect(bound.match(/SCAN (contact_fts|messages_fts) VIRTUAL TABLE INDEX/g)).toHaveLength(2);
    expect(bound).not.toMatch(/SEARCH/);
    // The few: both FTS indexes, the message hits' conversations by primary key.
    const matching = plan(store, MATCHING_CONVERSATION_IDS, searchMatch('Müller'));
    expect(matching).toMatch(/contact_fts VIRTUAL TABLE INDEX/);
    expect(matching).toMatch(/SCAN messages_fts VIRTUAL TABLE INDEX[\s\S]*SEARCH m USING INTEGER PRIMARY KEY/);
    expect(matching).not.toMatch(FULL_SCAN);
    // And both ways give the counted set: a word in more messages than FEW_MATCHES counts beyond it.
    const atMost = (text: string) => (store.db.prepare(MATCHES_AT_MOST).get(searchMatch(text)) as { n: number }).n;
    expect(atMost('Müller')).toBe((FEW_MATCHES + 100) / 5); // a fifth of the names, in no message
    expect(atMost('Rückgabe')).toBeGreaterThan(FEW_MATCHES);
    for (const text of ['Müller', '0171 100', 'Rückgabe']) {
      const hits = plan(store, InboxRepo.MESSAGE_SEARCH, { q: searchMatch(text)!.messages, before: 1e15, limit: 50 });
      expect(hits).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(hits).not.toMatch(FULL_SCAN);
      expect(hits).not.toMatch(/TEMP B-TREE/);
    }
    // The book's search: the hits found once, each status's activity order walked through them,
    // and the only sort the merge of at most four pages.
    const book = plan(store, BOOK_SEARCH_PAGE, { ...searchMatch('Müller'), t: 1e15, id: 1e15, limit: 50 });
    expect(book.match(/SEARCH v USING COVERING INDEX conversations_activity \(status=\? AND last_activity_at<\?\)/g)).toHaveLength(4);
    expect(book.match(/MATERIALIZE hits/g)).toHaveLength(1);
    expect(book.match(/TEMP B-TREE/g)).toHaveLength(1);
    expect(book).not.toMatch(FULL_SCAN);
    store.close();
  });

  it("a search's pages hold its matches in the view's order, found either way (few or many), with the view's filters", () => {
    const store = Store.open(tempDir());
    seed(store, FEW_MATCHES + 100);
    const all = store.db
      .prepare(`SELECT v.id, v.status, v.last_activity_at AS t, v.waiting_key AS w, c.name FROM conversations v JOIN contacts c ON c.id = v.contact_id`)
      .all() as { id: number; status: string; t: number; w: number; name: string }[];
    // Some conversations resolved, some labelled: the filters apply on both paths.
    for (const c of all.filter((_, i) => i % 7 === 3)) store.inbox.setStatus(c.id, 'resolved', null);
    const label = store.inbox.createLabel('Rückruf', '#c00', T0);
    const labelled = new Set(all.filter((_, i) => i % 3 === 0).map((c) => c.id));
    for (const id of labelled) store.inbox.setLabels(id, [label.id]);
    const status = new Map((store.db.prepare('SELECT id, status FROM conversations').all() as { id: number; status: string }[]).map((r) => [r.id, r.status]));
    const byOrder = {
      activity: (a: (typeof all)[number], b: (typeof all)[number]) => b.t - a.t || b.id - a.id,
      waiting: (a: (typeof all)[number], b: (typeof all)[number]) => a.w - b.w || a.id - b.id,
    };
    const cases = [
      // Few: the name is in a fifth of the book.
      { search: 'Müller', matches: (c: (typeof all)[number]) => c.name.startsWith('Jürgen Müller'), few: true },
      // Many: every customer asked about a return.
      { search: 'Rückgabe', matches: () => true, few: false },
    ];
    for (const { search, matches, few } of cases) {
      const expected = all.filter(matches);
      expect((store.db.prepare(MATCHES_AT_MOST).get(searchMatch(search)) as { n: number }).n <= FEW_MATCHES, search).toBe(few);
      for (const order of ['activity', 'waiting'] as const) {
        for (const labelId of [undefined, label.id]) {
          const want = expected
            .filter((c) => status.get(c.id) === 'open' && (labelId === undefined || labelled.has(c.id)))
            .sort(byOrder[order])
            .map((c) => c.id);
          const got: number[] = [];
          let after: [number, number] | undefined;
          for (let pages = 0; pages < 50; pages++) {
            const page = store.inbox.page({ status: 'open', search, labelId }, order, after, 50);
            got.push(...page.rows.map((r) => r.conversation_id));
            if (page.rows.length < 50 || !page.last) break;
            after = page.last;
          }
          expect(want.length, `${search}/${order}/${labelId}`).toBeGreaterThan(20);
          expect(got, `${search}/${order}/${labelId ?? ''}`).toEqual(want);
        }
      }
    }
    store.close();
  });

  it('the inbound path looks everything up by index (dedupe, address, number, conversation)', () => {
    const store = Store.open(tempDir());
    seed(store, 20);
    const lookups: [string, unknown[]][] = [
      ['SELECT 1 FROM messages WHERE external_id = ?', ['m-1-1']],
      [CONTACT_BY_CHAT_ID, ['x@c.us']],
      ['SELECT * FROM contacts WHERE phone = ?', ['+491711000001']],
      ['SELECT id FROM conversations WHERE contact_id = ?', [1]],
    ];
    for (const [sql, params] of lookups) {
      const p = plan(store, sql, params);
      expect(p, sql).toMatch(/SEARCH/);
      expect(p, sql).not.toMatch(FULL_SCAN);
    }
    // The sender and the conversation in one statement: address, contact, conversation, each by key.
    expect(plan(store, CONTACT_BY_CHAT_ID, ['x@c.us']).match(/SEARCH (a|c|v) USING/g)).toHaveLength(3);
    store.close();
  });
});

describe('search finds the forms a shop types', () => {
  it('umlauts in every spelling and German number forms, in names and in message text', () => {
    const store = Store.open(tempDir());
    seed(store, 30);
    const names = (q: string) => store.contacts.page({ search: q, limit: 100 }).map((r) => r.name ?? '');
    for (const q of ['Müller', 'Mueller', 'muller', 'MÜLLER']) expect(names(q).some((n) => n.startsWith('Jürgen Müller')), q).toBe(true);
    for (const q of ['Großmann', 'Grossmann', 'Käthe', 'Kaethe', 'Öztürk', 'Oeztuerk', 'Weiß', 'weiss']) expect(names(q).length, q).toBeGreaterThan(0);
    // +49 171 1000007 in the forms people write it.
    for (const q of ['0171 1000007', '0171/1000007', '+49 171 1000007', '0049 171 1000007', '1711000007', '0171 100000']) {
      expect(names(q), q).toContain('Anna Weiß 7'.replace('Anna Weiß', NAMES[7 % NAMES.length]!));
    }
    // Message text: Rückgabe = Rueckgabe, Straße = Strasse, Größe = Groesse.
    for (const q of ['Rückgabe', 'Rueckgabe', 'rückgabe', 'Strasse', 'Straße', 'Groesse']) {
      expect(store.inbox.searchMessages(q, undefined, 10).length, q).toBeGreaterThan(0);
    }
    // In message text only the word being typed is a prefix; finished words are whole terms
    // (a common prefix makes FTS5 merge its whole doclist). Names keep every word a prefix.
    expect(searchMatch('Rückgabe 12, Stra')).toEqual({ contacts: '"ruckgabe"* "12"* "stra"*', messages: '"ruckgabe" "12" "stra"*' });
    expect(searchMatch('Rückgabe 12,')!.messages).toBe('"ruckgabe" "12"');
    const bodies = (q: string) => store.inbox.searchMessages(q, undefined, 50).map((h) => h.body);
    expect(bodies('Rückgabe 12, Stra')).toEqual(['Frage zur Rückgabe 12, Straße 2', 'Frage zur Rückgabe 12, Straße 0']); // newest first
    expect(bodies('Rückg 12')).toEqual([]);
    expect(names('Jür Mül').length).toBeGreaterThan(0);
    store.close();
  });

  it('contacts.list without a limit returns the whole book, page by page (no 500 cap)', () => {
    const store = Store.open(tempDir());
    seed(store, 1_234);
    const all = store.contacts.list({});
    expect(all).toHaveLength(1_234);
    expect(new Set(all.map((r) => r.id)).size).toBe(1_234);
    expect(store.contacts.list({ limit: 10 })).toHaveLength(10);
    const matches = store.contacts.list({ search: 'Müller' });
    expect(matches.length).toBeGreaterThan(200);
    store.close();
  });
});

describe(`migration ${migration013.name}`, () => {
  const before = migrations.filter((m) => m.version < migration013.version);
  const upTo = migrations.filter((m) => m.version <= migration013.version);

  it('upgrades a database with data: contacts searchable by prefix, summary rows kept by one trigger from then on', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    const old = new Store(db);
    const c = old.contacts.create('+4917112345678', T0, 'Jürgen');
    old.contacts.setName(c.id, 'Jürgen Müller', T0);
    const conv = old.messages.conversationIdOf(c.id)!;
    old.messages.insert({ conversationId: conv, externalId: 'old-1', direction: 'in', type: 'text', body: 'Alt', author: 'customer', status: 'received', createdAt: T0 + 1 });
    // Under the earlier schema the repository kept these two columns itself.
    db.prepare('UPDATE conversations SET unread = 1, last_message_at = ? WHERE id = ?').run(T0 + 1, conv);
    const beforeRow = db.prepare('SELECT unread, last_message_at, last_activity_at, preview_message_id FROM conversations WHERE id = ?').get(conv);

    migrate(db, upTo);
    expect(db.pragma('user_version', { simple: true })).toBe(migration013.version);
    // Data kept; the old unread count (then kept by the repository) is untouched.
    expect(db.prepare('SELECT unread, last_message_at, last_activity_at, preview_message_id FROM conversations WHERE id = ?').get(conv)).toEqual(beforeRow);
    const store = new Store(db);

    // After the migration one trigger keeps the whole summary row: visible inbound counts, held back does not.
    store.messages.insert({ conversationId: conv, externalId: 'new-1', direction: 'in', type: 'text', body: 'Neu', author: 'customer', status: 'received', createdAt: T0 + 5 });
    store.messages.insert({ conversationId: conv, externalId: 'new-2', direction: 'in', type: 'text', body: 'Gehalten', author: 'customer', status: 'received', quarantined: true, createdAt: T0 + 9 });
    const row = db.prepare('SELECT unread, last_message_at, last_activity_at, waiting_since FROM conversations WHERE id = ?').get(conv);
    expect(row).toEqual({ unread: 2, last_message_at: T0 + 9, last_activity_at: T0 + 5, waiting_since: T0 + 1 });
    store.messages.insert({ conversationId: conv, externalId: 'out-1', direction: 'out', type: 'text', body: 'Antwort', author: 'staff', status: 'queued', createdAt: T0 + 10 });
    expect(db.prepare('SELECT unread, waiting_since, last_activity_at FROM conversations WHERE id = ?').get(conv)).toEqual({ unread: 2, waiting_since: null, last_activity_at: T0 + 10 });
    // The contact indexed by 013 is found by prefix (asked under the latest schema, which the list rows read).
    migrate(db, migrations);
    const latest = new Store(db);
    expect(latest.contacts.page({ search: 'mu', limit: 5 }).map((r) => r.name)).toEqual(['Jürgen Müller']);
    expect(latest.contacts.page({ search: '0171 123', limit: 5 }).map((r) => r.name)).toEqual(['Jürgen Müller']);
    db.close();
  });

  it('014: the summary row and the status end as under 013, and a message to an open conversation no longer touches its status', () => {
    const under013 = conversationDay(migrations.filter((m) => m.version <= migration013.version));
    const under014 = conversationDay(migrations.filter((m) => m.version <= migration014.version));
    expect(under014).toEqual(under013);
    expect(under014.states.map((r) => (r as { status: string }).status)).toEqual(['open', 'open', 'resolved', 'open', 'snoozed', 'snoozed', 'open', ...Array(8).fill('open')]);
    expect(under014.marks).toEqual([{ kind: 'resolved', message_id: 2 }]);

    // The reopening fires only where a status changes: an insert into an open conversation updates no status.
    const db = new Database(join(tempDir(), 'e.sqlite3'));
    migrate(db, migrations.filter((m) => m.version <= migration014.version));
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_summary_insert'").pluck().get() as string;
    const [first, second] = trigger.split(/;\s*--/);
    expect(first).not.toMatch(/\bstatus\s*=/);
    expect(second).toMatch(/SET status = 'open', snooze_until = NULL[\s\S]*status <> 'open' OR snooze_until IS NOT NULL/);
    db.close();
  });
  it('018: the summary row ends as under 017, and the waiting time is written only where it starts or ends', () => {
    const under017 = conversationDay(migrations.filter((m) => m.version <= migration017.version));
    const under018 = conversationDay(migrations);
    expect(under018).toEqual(under017);
    const waiting = under018.states.map((r) => (r as { waiting_since: number | null }).waiting_since);
    // The customer waits since m4 through the automatic text m9 and their own m10; the API's text m11
    // answers; a held-back m12 and the shop's m13, m14 change nothing; m15 waits anew.
    expect(waiting.slice(8)).toEqual([T0 + 40, T0 + 40, null, null, null, null, T0 + 150]);

    // The usual message names no waiting time in the UPDATE that moves the conversation in the activity order.
    const db = new Database(join(tempDir(), 'f.sqlite3'));
    migrate(db, migrations);
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_summary_insert'").pluck().get() as string;
    const updates = trigger.split(/;\s*--/);
    expect(updates[0]).toMatch(/last_activity_at = /);
    expect(updates[0]).not.toMatch(/waiting_since\s*=/);
    expect(updates.slice(1, 3).join()).toMatch(/waiting_since IS NULL[\s\S]*waiting_since IS NOT NULL/);
    db.close();
  });

  it("the consent texts' rate limits seek the contact's texts of that kind in the outbox, however much was written", () => {
    const store = Store.open(tempDir());
    seed(store, 50, false);
    for (const [sql, params] of [[QUEUED_SINCE, ['consent_clarify', 7, 'service', T0, -1]], [LAST_QUEUED_AT, ['consent_request', 7, 'service']]] as const) {
      const p = plan(store, sql, params);
      expect(p).toMatch(/SEARCH o USING INDEX outbox_conversation_kind \(conversation_id=\? AND kind=\?/);
      expect(p).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(p).not.toMatch(FULL_SCAN);
    }
    store.close();
  });

  it('the held-back messages are read through their own index: the sweep, and the release at consent', () => {
    const store = Store.open(tempDir());
    seed(store, 50, false);
    const sweep = plan(store, QUARANTINED_BEFORE, [T0, 100]);
    expect(sweep).toMatch(/SCAN m USING INDEX messages_quarantined/);
    expect(sweep).not.toMatch(FULL_SCAN);
    const release = plan(store, QUARANTINED_IN, [7]);
    expect(release).toMatch(/SEARCH messages USING INDEX messages_quarantined \(conversation_id=\?\)/);
    // Not the conversation's whole history by id, which spares the sort of the few held rows.
    expect(release).not.toMatch(/messages_conversation/);
    store.close();
  });

  it('every filter of the case list reads its own index in the list\'s order (no sort), and pages by the keyset exactly as a sort in the test', () => {
    const store = Store.open(tempDir());
    const phones = Array.from({ length: 30 }, (_, i) => `+49171${String(2_000_000 + i)}`);
    const types = [...CASE_TYPES];
    const now = T0 + 400_000;
    store.tx(() => {
      for (let i = 0; i < 420; i++) {
        const type = types[i % types.length]!;
        const statuses = CASE_STATUSES[type];
        store.cases.insert(
          caseRow({
            id: `case-${String(i).padStart(4, '0')}`,
            number: `REP-2026-${String(i + 1).padStart(4, '0')}`,
            phone: phones[(i * 7) % phones.length]!,
            type,
            status: statuses[Math.floor(i / types.length) % statuses.length]!,
            title: `Fahrrad ${i}`,
            open: i % 3 === 0 ? 0 : 1,
            // Some without a deadline, the others before or after "now".
            deadline_at: i % 4 === 0 ? null : T0 + i * 1_500,
            // Pairs share a time: the id breaks the tie.
            created_at: T0 + Math.floor(i / 2) * 1000,
            updated_at: T0,
          }),
        );
      }
    });
    const all = store.db.prepare('SELECT * FROM cases').all() as CaseRow[];
    // Each filter the Cases view, the chat's case panel, the bot and the local API can send, and the index it reads.
    const shapes: Array<[Omit<CaseFilter, 'limit'>, RegExp]> = [
      [{}, /(SCAN|SEARCH) k USING INDEX cases_recent\b/],
      [{ phone: phones[4]! }, /SEARCH k USING INDEX cases_phone \(phone=\?/],
      [{ phone: phones[4]!, open: true }, /SEARCH k USING INDEX cases_phone \(phone=\?/],
      [{ type: 'repair' }, /SEARCH k USING INDEX cases_type_recent \(type=\?/],
      [{ status: 'ready' }, /SEARCH k USING INDEX cases_status_recent \(status=\?/],
      [{ type: 'repair', status: 'ready' }, /SEARCH k USING INDEX cases_type_status_recent \(type=\? AND status=\?/],
      [{ type: 'parcel', open: true }, /SEARCH k USING INDEX cases_type_recent \(type=\?/],
      [{ open: true }, /(SCAN|SEARCH) k USING INDEX cases_open_recent\b/],
      [{ open: false }, /(SCAN|SEARCH) k USING INDEX cases_recent\b/],
      // Overdue cases are open ones: the open cases newest first, or (unanalysed) those past their deadline, sorted.
      [{ overdueAt: now }, /(SCAN|SEARCH) k USING INDEX cases_open_recent\b|SEARCH k USING INDEX cases_deadline \(deadline_at>\? AND deadline_at<\?\)/],
      [{ type: 'repair', overdueAt: now }, /SEARCH k USING INDEX cases_type_recent \(type=\?/],
    ];
    const matches = (f: Omit<CaseFilter, 'limit'>, r: CaseRow): boolean =>
      (f.phone === undefined || r.phone === f.phone) &&
      (f.type === undefined || r.type === f.type) &&
      (f.status === undefined || r.status === f.status) &&
      (f.open === undefined || r.open === (f.open ? 1 : 0)) &&
      (f.overdueAt === undefined || (r.open === 1 && r.deadline_at !== null && r.deadline_at < f.overdueAt));
    // As a shop's database is (never analysed), then analysed.
    for (const analysed of [false, true]) {
      if (analysed) store.db.exec('ANALYZE');
      for (const [filter, index] of shapes) {
        for (const after of [undefined, { createdAt: T0 + 100_000, id: 'case-0200' }]) {
          const q = store.cases.listQuery({ ...filter, after, limit: 51 });
          const p = plan(store, q.sql, q.params);
          expect(p, `${JSON.stringify(filter)} after ${String(!!after)} (analysed: ${analysed})`).toMatch(index);
          // Only the unanalysed overdue list may sort, and only the overdue cases.
          if (!/cases_deadline/.test(p)) expect(p).not.toMatch(/TEMP B-TREE/);
          if (after) expect(p).toMatch(/\(created_at,id\)<\(\?,\?\)/);
        }
        // The same rows, in the same order, as a filter and sort of every case in the test; paged by the keyset.
        const expected = all
          .filter((r) => matches(filter, r))
          .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1))
          .map((r) => r.id);
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(4);
        const seen: string[] = [];
        let after: CaseFilter['after'];
        for (;;) {
          const page = store.cases.list({ ...filter, limit: 4, after });
          seen.push(...page.map((r) => r.id));
          const last = page[page.length - 1];
          if (page.length < 4 || !last) break;
          after = { createdAt: last.created_at, id: last.id };
        }
        expect(seen, JSON.stringify(filter)).toEqual(expected);
      }
    }
    store.close();
  });
});
