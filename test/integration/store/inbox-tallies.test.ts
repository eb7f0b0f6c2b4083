import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, migrate, Store } from '../../../main/store';
import { migrations } from '../../../main/store/migrations';
import { migration016 } from '../../../main/store/migrations/016_inbox_tallies';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;

type Db = InstanceType<typeof Database>;

/** The counts as the views define them, counted over the conversations (what `inbox.counts` asked before the tallies). */
function recount(db: Db, profileId: number | null) {
  const one = (sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as number;
  return {
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, one('SELECT count(*) FROM conversations WHERE status = ?', s)])),
    mine: profileId === null ? 0 : one(`SELECT count(*) FROM conversations WHERE status = 'open' AND assignee_id = ?`, profileId),
    unassigned: one(`SELECT count(*) FROM conversations WHERE status = 'open' AND assignee_id IS NULL`),
    waiting: one(`SELECT count(*) FROM conversations WHERE status = 'open' AND waiting_since IS NOT NULL`),
    consent: db
      .prepare(`SELECT service_state AS state, count(*) AS count FROM conversations WHERE status = 'open' GROUP BY service_state ORDER BY service_state`)
      .all(),
    unreadTotal: one('SELECT coalesce(sum(unread), 0) FROM conversations'),
  };
}

function expectTalliesMatch(store: Store, profiles: readonly number[]): void {
  for (const profileId of [null, ...profiles]) {
    const { labels: _labels, ...counts } = store.inbox.counts(profileId);
    expect(counts, `profile ${profileId}`).toEqual(recount(store.db, profileId));
  }
}

type Op =
  | { kind: 'contact' }
  | { kind: 'message'; who: number; direction: 'in' | 'out'; author: 'customer' | 'staff' | 'system'; held: boolean }
  | { kind: 'read'; who: number }
  | { kind: 'reveal'; who: number }
  | { kind: 'status'; who: number; status: (typeof STATUSES)[number] }
  | { kind: 'assign'; who: number; profile: number | null }
  | { kind: 'consent'; who: number; state: 'none' | 'requested' | 'granted' | 'revoked' }
  | { kind: 'deleteMessage'; who: number }
  | { kind: 'deleteContact'; who: number }
  | { kind: 'deleteProfile'; profile: number };

const who = fc.nat(30);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'contact' }),
  fc.record({
    kind: fc.constant('message' as const),
    who,
    direction: fc.constantFrom('in' as const, 'out' as const),
    author: fc.constantFrom('customer' as const, 'staff' as const, 'system' as const),
    held: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('read' as const), who }),
  fc.record({ kind: fc.constant('reveal' as const), who }),
  fc.record({ kind: fc.constant('status' as const), who, status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('assign' as const), who, profile: fc.option(fc.nat(2), { nil: null }) }),
  fc.record({ kind: fc.constant('consent' as const), who, state: fc.constantFrom('none' as const, 'requested' as const, 'granted' as const, 'revoked' as const) }),
  fc.record({ kind: fc.constant('deleteMessage' as const), who }),
  fc.record({ kind: fc.constant('deleteContact' as const), who }),
  fc.record({ kind: fc.constant('deleteProfile' as const), profile: fc.nat(2) }),
);

describe('inbox counts from tallies kept by triggers', () => {
  it('equal a recount of the conversations after any mix of messages, reads, status, assignment, consent and deletions', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const store = Store.open(tempDir());
        try {
          const profiles = [0, 1, 2].map((i) => store.profiles.create({ name: `P${i}`, color: '#123456', role: 'staff', pinHash: null, now: T0 }).id);
          const contacts: number[] = [store.contacts.create('+4915110000000', T0).id];
          let t = T0;
          let phones = 0;
          const conversationOf = (i: number) => {
            const id = contacts[i % contacts.length];
            return id === undefined ? undefined : store.messages.conversationIdOf(id);
          };
          for (const o of ops) {
            t += 1000;
            const conv = 'who' in o ? conversationOf(o.who) : undefined;
            store.tx(() => {
              switch (o.kind) {
                case 'contact':
                  contacts.push(store.contacts.create(`+49151${String(10000001 + phones++)}`, t).id);
                  break;
                case 'message':
                  if (conv === undefined) break;
                  store.messages.insert({
                    conversationId: conv,
                    direction: o.direction,
                    type: 'text',
                    body: 'Hallo',
                    author: o.direction === 'in' ? 'customer' : o.author === 'customer' ? 'staff' : o.author,
                    status: o.direction === 'in' ? 'received' : 'sent',
                    quarantined: o.held && o.direction === 'in',
                    createdAt: t,
                  });
                  break;
                case 'read':
                  if (conv !== undefined) store.messages.markRead(conv);
                  break;
                case 'reveal':
                  if (conv !== undefined) store.messages.releaseQuarantine(conv, store.messages.quarantinedIn(conv).filter((m) => m.direction === 'in').length);
                  break;
                case 'status':
                  if (conv !== undefined) store.inbox.setStatus(conv, o.status, o.status === 'snoozed' ? t + 60_000 : null);
                  break;
                case 'assign': {
                  const profile = o.profile === null ? null : profiles[o.profile]!;
                  const exists = profile === null || store.db.prepare('SELECT 1 FROM profiles WHERE id = ?').get(profile) !== undefined;
                  if (conv !== undefined && exists) store.inbox.setAssignee(conv, profile);
                  break;
                }
                case 'consent':
                  // The consent ledger's trigger writes this column; the tallies follow whoever writes it.
                  if (conv !== undefined) store.db.prepare('UPDATE conversations SET service_state = ? WHERE id = ?').run(o.state, conv);
                  break;
                case 'deleteMessage': {
                  const last = conv === undefined ? undefined : (store.db.prepare('SELECT max(id) FROM messages WHERE conversation_id = ?').pluck().get(conv) as number | null);
                  if (last) store.messages.deleteById(last);
                  break;
                }
                case 'deleteContact': {
                  const id = contacts[o.who % contacts.length];
                  if (id !== undefined && contacts.length > 1) {
                    store.db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
                    contacts.splice(contacts.indexOf(id), 1);
                  }
                  break;
                }
                case 'deleteProfile':
                  store.db.prepare('DELETE FROM profiles WHERE id = ?').run(profiles[o.profile]!);
                  break;
              }
            });
          }
          expectTalliesMatch(store, profiles);
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the migration counts an existing book, and the counts no longer read the conversations', () => {
    const dir = tempDir();
    const file = join(dir, DB_FILE_NAME);
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < migration016.version),
    );
    const insertContact = db.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, 1, 1)');
    const conv = db.prepare('INSERT INTO conversations (contact_id, status, unread, waiting_since, service_state) VALUES (?, ?, ?, ?, ?)');
    db.prepare(`INSERT INTO profiles (name, color, role, created_at, updated_at) VALUES ('Anna', '#123456', 'staff', 1, 1)`).run();
    for (let i = 0; i < 40; i++) {
      const contact = Number(insertContact.run(`+4915120000${String(i).padStart(3, '0')}`).lastInsertRowid);
      conv.run(contact, STATUSES[i % 4], i % 3, i % 5 === 0 ? null : i, ['none', 'requested', 'granted', 'revoked'][i % 4]);
      if (i % 6 === 0) db.prepare('UPDATE conversations SET assignee_id = 1 WHERE contact_id = ?').run(contact);
    }
    db.close();

    const store = Store.open(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(migration016.version);
    expectTalliesMatch(store, [1]);
    expect(store.inbox.counts(1).mine).toBeGreaterThan(0);
    // Each count read the open conversations before; now one small table answers.
    const plan = (store.db.prepare('EXPLAIN QUERY PLAN SELECT key, n FROM inbox_tallies').all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/inbox_tallies/);
    expect(plan).not.toMatch(/conversations/);
    store.close();
  });
});
