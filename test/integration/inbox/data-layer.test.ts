import { describe, expect, it } from 'vitest';
import { Store } from '../../../main/store';
import { BOOK_PAGE, ROWS_BY_IDS } from '../../../main/store/contacts-repo';
import { decodeCursor, encodeCursor } from '../../../main/store/cursor';
import { NOT_WAITING, type InboxFilter } from '../../../main/store/inbox-repo';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

/** A book of `n` contacts; every third has an unanswered customer message, some share a timestamp. */
function seed(store: Store, n: number): void {
  store.tx(() => {
    for (let i = 0; i < n; i++) {
      const phone = `+49151${String(10000000 + i)}`;
      const c = store.contacts.create(phone, T0 + i, null);
      const conversationId = store.messages.conversationIdOf(c.id)!;
      // Equal times on purpose: the keyset must break ties by id.
      const at = T0 + Math.floor(i / 7) * 1000;
      store.messages.insert({ conversationId, direction: 'in', type: 'text', body: `Frage ${i}`, author: 'customer', status: 'received', createdAt: at });
      if (i % 3 !== 0) {
        store.messages.insert({ conversationId, direction: 'out', type: 'text', body: `Antwort ${i}`, author: 'staff', status: 'sent', createdAt: at + 1 });
      }
    }
  });
}

function pageThrough(store: Store, filter: InboxFilter, order: 'activity' | 'waiting', limit: number): number[] {
  const seen: number[] = [];
  let after: [number, number] | undefined;
  for (;;) {
    const { rows, last } = store.inbox.page(filter, order, after, limit);
    seen.push(...rows.map((r) => r.conversation_id));
    if (rows.length < limit || !last) return seen;
    after = decodeCursor(encodeCursor(last));
  }
}

const plan = (store: Store, sql: string, params: unknown): string =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('the inbox data layer on a real SQLite file', () => {
  it('pages through 2,009 contacts by keyset, in every order, with no duplicates and no gaps', () => {
    const store = Store.open(tempDir());
    seed(store, 2009);
    const all = (store.db.prepare('SELECT id FROM conversations').pluck().all() as number[]).sort((a, b) => a - b);
    expect(all).toHaveLength(2009);

    for (const limit of [50, 1000]) {
      const byActivity = pageThrough(store, { status: 'open' }, 'activity', limit);
      expect(byActivity).toHaveLength(2009);
      expect([...byActivity].sort((a, b) => a - b)).toEqual(all);
      const byWaiting = pageThrough(store, { status: 'open' }, 'waiting', limit);
      expect([...byWaiting].sort((a, b) => a - b)).toEqual(all);
    }
    // The waiting view: exactly the unanswered ones, longest waiting first.
    const waiting = pageThrough(store, { status: 'open', waitingOnly: true }, 'waiting', 100);
    expect(waiting).toHaveLength(Math.ceil(2009 / 3));
    const rows = store.inbox.rows(waiting);
    const since = rows.map((r) => r.waiting_since!);
    expect(since).toEqual([...since].sort((a, b) => a - b));

    // The contact book (contacts.page) as well.
    const book: number[] = [];
    let after: [number, number] | undefined;
    for (;;) {
      const page = store.contacts.page({ after, limit: 300 });
      book.push(...page.map((r) => r.id));
      if (page.length < 300) break;
      const last = page[page.length - 1]!;
      after = [last.last_activity_at, last.conversation_id];
    }
    expect(new Set(book).size).toBe(2009);
    store.close();
  }, 120_000);

  it('filtered views page through exactly their members, in their order (one index per status and order, 017)', () => {
    const store = Store.open(tempDir());
    seed(store, 600);
    const ids = (store.db.prepare('SELECT id FROM conversations ORDER BY id').pluck().all() as number[]);
    const other = Number(store.db.prepare(`INSERT INTO profiles (name, color, role, created_at, updated_at) VALUES ('Kim', '#0f766e', 'staff', 0, 0)`).run().lastInsertRowid);
    ids.forEach((id, i) => {
      if (i % 4 === 0) store.inbox.setAssignee(id, 1);
      else if (i % 4 === 1) store.inbox.setAssignee(id, other);
      if (i % 5 === 0) store.db.prepare(`UPDATE conversations SET service_state = 'granted' WHERE id = ?`).run(id);
      if (i % 7 === 0) store.inbox.setStatus(id, 'resolved', null);
      else if (i % 11 === 0) store.inbox.setStatus(id, 'pending', null);
      else if (i % 13 === 0) store.inbox.setStatus(id, 'snoozed', T0 + 1e9);
    });
    type Row = { id: number; status: string; assignee_id: number | null; service_state: string; last_activity_at: number; waiting_key: number };
    const all = store.db.prepare('SELECT id, status, assignee_id, service_state, last_activity_at, waiting_key FROM conversations').all() as Row[];
    const expected = (keep: (r: Row) => boolean, order: 'activity' | 'waiting') =>
      all
        .filter(keep)
        .sort((a, b) => (order === 'activity' ? b.last_activity_at - a.last_activity_at || b.id - a.id : a.waiting_key - b.waiting_key || a.id - b.id))
        .map((r) => r.id);
    const views: [InboxFilter, (r: Row) => boolean][] = [
      [{ status: 'open', assigneeId: 1 }, (r) => r.status === 'open' && r.assignee_id === 1],
      [{ status: 'open', assigneeId: null }, (r) => r.status === 'open' && r.assignee_id === null],
      [{ status: 'open', assigneeId: other + 1 }, () => false],
      [{ status: 'open', serviceState: 'granted' }, (r) => r.status === 'open' && r.service_state === 'granted'],
      [{ status: 'resolved', assigneeId: other }, (r) => r.status === 'resolved' && r.assignee_id === other],
      [{ status: 'open', waitingOnly: true }, (r) => r.status === 'open' && r.waiting_key < NOT_WAITING],
    ];
    for (const [filter, keep] of views) {
      for (const order of ['activity', 'waiting'] as const) {
        expect(pageThrough(store, filter, order, 25), `${JSON.stringify(filter)} ${order}`).toEqual(expected(keep, order));
      }
    }
    expect(expected((r) => r.status === 'open' && r.assignee_id === 1, 'activity').length).toBeGreaterThan(50);
    // The book: every status's order merged, page by page, exactly in activity order.
    const book: number[] = [];
    let after: [number, number] | undefined;
    for (;;) {
      const page = store.contacts.page({ after, limit: 25 });
      book.push(...page.map((r) => r.conversation_id));
      if (page.length < 25) break;
      const last = page[page.length - 1]!;
      after = [last.last_activity_at, last.conversation_id];
    }
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(['open', 'pending', 'snoozed', 'resolved']));
    expect(book).toEqual(expected(() => true, 'activity'));
    // What a message moves its conversation in: its status's two orders, no more (the book merges the statuses', 021).
    const orders = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations' AND sql IS NOT NULL ORDER BY name`).pluck().all();
    expect(orders).toEqual(['conversations_activity', 'conversations_waiting']);
    store.close();
  });

  it('keeps the summary row in step with each message: preview, waiting since, reopening', () => {
    const store = Store.open(tempDir());
    const c = store.contacts.create('+4915112345678', T0);
    const conv = store.messages.conversationIdOf(c.id)!;
    const insert = (m: Partial<Parameters<Store['messages']['insert']>[0]>) =>
      store.messages.insert({ conversationId: conv, direction: 'in', type: 'text', body: 'x', author: 'customer', status: 'received', createdAt: T0, ...m });
    const q = insert({ body: 'Ist mein Rad fertig?', createdAt: T0 + 10 });
    insert({ direction: 'out', author: 'system', status: 'sent', body: 'Danke, Ihre Einwilligung ist gespeichert.', createdAt: T0 + 20 });
    let row = store.inbox.rowByContact(c.id)!;
    expect(row).toMatchObject({ preview_message_id: q.id, preview: 'Ist mein Rad fertig?', waiting_since: T0 + 10, last_activity_at: T0 + 20 });
    const a = insert({ direction: 'out', author: 'staff', status: 'sent', body: 'Ja!', createdAt: T0 + 30, authorName: 'Inhaber' });
    row = store.inbox.rowByContact(c.id)!;
    expect(row).toMatchObject({ preview_message_id: a.id, waiting_since: null, preview_author_name: 'Inhaber' });
    store.inbox.setStatus(conv, 'resolved', null);
    insert({ body: 'Noch eine Frage', createdAt: T0 + 40 });
    row = store.inbox.rowByContact(c.id)!;
    expect(row).toMatchObject({ status: 'open', waiting_since: T0 + 40 });
    store.close();
  });

  it('finds numbers in every common German form, folded names and message text (with the message id)', () => {
    const store = Store.open(tempDir());
    const jana = store.contacts.create('+4915112345678', T0);
    store.contacts.setName(jana.id, 'Jana Müller', T0);
    const otto = store.contacts.create('+4917099887766', T0);
    store.contacts.setName(otto.id, 'Otto Strauß', T0);
    const conv = store.messages.conversationIdOf(otto.id)!;
    const msg = store.messages.insert({ conversationId: conv, direction: 'in', type: 'text', body: 'Wohne in der Hauptstrasse 5', author: 'customer', status: 'received', createdAt: T0 });
    store.messages.insert({ conversationId: conv, direction: 'in', type: 'text', body: 'Geheim vor der Einwilligung', author: 'customer', status: 'received', createdAt: T0, quarantined: true });

    const names = (q: string) => store.contacts.page({ search: q, limit: 50 }).map((r) => r.name);
    for (const q of ['0151 12345678', '015112345678', '0151/12345678', '+49 151 12345678', '0049 151 12345678', '+49 (0)151-1234 5678'.replace('(0)', ''), '0151-123', '4915112345678']) {
      expect(names(q), q).toEqual(['Jana Müller']);
    }
    for (const q of ['Muller', 'Mueller', 'Müller', 'müll', 'JANA']) expect(names(q), q).toEqual(['Jana Müller']);
    for (const q of ['Strauss', 'Strauß', 'strau']) expect(names(q), q).toEqual(['Otto Strauß']);
    expect(names('Hauptstraße')).toEqual(['Otto Strauß']);
    expect(names('Geheim')).toEqual([]);
    expect(names('"; DROP TABLE contacts; --')).toEqual([]);

    const hits = store.inbox.searchMessages('Hauptstraße', undefined, 10);
    expect(hits.map((h) => [h.id, h.contact_id])).toEqual([[msg.id, otto.id]]);
    expect(store.inbox.searchMessages('geheim', undefined, 10)).toEqual([]);
    // Renaming updates the index in the same transaction.
    store.contacts.setName(jana.id, 'Jana Schulze', T0);
    expect(names('Müller')).toEqual([]);
    expect(names('schulze')).toEqual(['Jana Schulze']);
    store.close();
  });

  it('answers the hot queries from their intended index, never by a full scan (EXPLAIN QUERY PLAN)', () => {
    const store = Store.open(tempDir());
    seed(store, 300);
    store.db.exec('ANALYZE');
    const cases: [string, InboxFilter, 'activity' | 'waiting', RegExp][] = [
      ['all/activity', { status: 'open' }, 'activity', /conversations_activity/],
      ['all/waiting', { status: 'open' }, 'waiting', /conversations_waiting/],
      ['waiting/waiting', { status: 'open', waitingOnly: true }, 'waiting', /conversations_waiting/],
      // A filtered view walks its status's order; the filter columns are in the index entry (017).
      ['mine/activity', { status: 'open', assigneeId: 1 }, 'activity', /conversations_activity \(status=\?/],
      ['mine/waiting', { status: 'open', assigneeId: 1 }, 'waiting', /conversations_waiting \(status=\?/],
      ['unassigned/activity', { status: 'open', assigneeId: null }, 'activity', /conversations_activity \(status=\?/],
      ['unassigned/waiting', { status: 'open', assigneeId: null }, 'waiting', /conversations_waiting \(status=\?/],
      ['consent/activity', { status: 'open', serviceState: 'granted' }, 'activity', /conversations_activity \(status=\?/],
      ['consent/waiting', { status: 'open', serviceState: 'granted' }, 'waiting', /conversations_waiting \(status=\?/],
      ['resolved/activity', { status: 'resolved' }, 'activity', /conversations_activity/],
      ['label/activity', { status: 'open', labelId: 1 }, 'activity', /SEARCH cl USING PRIMARY KEY \(label_id=\?\)/],
      // Search (a few matches here): the matches, found through both FTS indexes first (see the
      // store's performance tests), drive the page: each by primary key, then sorted.
      ['search name/activity', { status: 'open', search: 'Müller' }, 'activity', /SCAN h VIRTUAL TABLE INDEX[\s\S]*SEARCH v USING INTEGER PRIMARY KEY/],
      ['search number/waiting', { status: 'open', search: '0151 123' }, 'waiting', /SCAN h VIRTUAL TABLE INDEX[\s\S]*SEARCH v USING INTEGER PRIMARY KEY/],
      ['search in a label', { status: 'open', search: 'Müller', labelId: 1 }, 'activity', /SEARCH v USING INTEGER PRIMARY KEY[\s\S]*SEARCH cl EXISTS USING PRIMARY KEY \(label_id=\? AND conversation_id=\?\)/],
    ];
    for (const [name, filter, order, index] of cases) {
      for (const after of [undefined, [T0, 5] as [number, number]]) {
        const q = store.inbox.pageQuery(filter, order, after, 50);
        const p = plan(store, q.sql, q.params);
        expect(p, `${name}\n${p}`).toMatch(index);
        expect(p, `${name}\n${p}`).not.toMatch(/\bSCAN (v|conversations)\b(?! USING)/);
        if (filter.labelId === undefined && filter.search === undefined) expect(p, `${name}\n${p}`).not.toMatch(/TEMP B-TREE/);
        expect(p, `${name}\n${p}`).not.toMatch(/SCAN (m|messages|c|contacts)\b(?! USING)/);
      }
    }
    // A conversation page, older pages and the forward page from a search hit.
    const convPage = plan(store, `SELECT * FROM messages m WHERE m.conversation_id = ? AND m.quarantined = 0 AND m.id < ? ORDER BY m.id DESC LIMIT ?`, [1, 99, 50]);
    expect(convPage).toMatch(/SEARCH m USING INDEX messages_conversation \(conversation_id=\? AND (?:rowid|id)<\?\)/);
    expect(convPage).not.toMatch(/TEMP B-TREE/);
    // Message search: the FTS index, newest first by rowid, messages by primary key.
    const search = plan(store, (store.inbox.constructor as unknown as { MESSAGE_SEARCH: string }).MESSAGE_SEARCH, { q: '"frage"*', before: 1e9, limit: 30 });
    expect(search).toMatch(/VIRTUAL TABLE INDEX/);
    expect(search).toMatch(/SEARCH m USING INTEGER PRIMARY KEY/);
    expect(search).not.toMatch(/SCAN (m|v|c)\b/);
    // Filling a page: driven from its ids, never a walk over every conversation or contact.
    const fill = plan(store, ROWS_BY_IDS, ['[1,2,3]']);
    expect(fill).toMatch(/SEARCH v USING INTEGER PRIMARY KEY/);
    expect(fill).not.toMatch(/\bSCAN (v|c|conversations|contacts)\b/);
    // Counts read the tallies the triggers keep, not the conversations (test/integration/store/inbox-tallies.test.ts).
    // The contact book page: each status's activity order, merged; the only sort is the merge of at most four pages.
    const book = plan(store, BOOK_PAGE, { t: T0, id: 1, limit: 50 });
    expect(book.match(/SEARCH v USING COVERING INDEX conversations_activity \(status=\? AND last_activity_at<\?\)/g)).toHaveLength(4);
    expect(book.match(/TEMP B-TREE/g)).toHaveLength(1);
    expect(book).not.toMatch(/\bSCAN (v|c|conversations|contacts)\b/);
    store.close();
  });

  it('refuses a cursor that is not one of ours', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('[1,"x"]').toString('base64url'))).toThrow(/cursor/);
  });
});
