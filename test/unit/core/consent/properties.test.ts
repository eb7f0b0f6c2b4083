import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Purpose } from '@contract';
import { eventHash, verifyChain, type ChainHead, type ChainRow } from '../../../../main/store/consent-chain';
import { ConsentEngine } from '../../../../main/core/consent/engine';
import type { SendKind } from '../../../../main/core/consent-hooks';
import { EventBus } from '../../../../main/core/event-bus';
import { Messaging } from '../../../../main/core/messaging';
import { Store } from '../../../../main/store';
import { ConsentRepo } from '../../../../main/store/consent-repo';
import { ManualClock, silentLogger, useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const PHONES = ['+4915112345601', '+4915112345602'];
const WORDS = ['START', 'ja', 'Hallo', 'STOP', 'stopp!', 'NEWSLETTER', 'STOP NEWSLETTER', 'yes', 'ich möchte nicht stoppen', 'ok 👍', 'Bitte STOP', 'Ja gerne', 'Nein danke', 'Frage zur Reparatur'];

type Action =
  | { t: 'customer'; who: number; text: string }
  | { t: 'staff'; who: number; purpose: Purpose; kind: SendKind }
  | { t: 'wait'; ms: number }
  | { t: 'sweep' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('customer' as const), who: fc.integer({ min: 0, max: 1 }), text: fc.constantFrom(...WORDS) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('staff' as const),
      who: fc.integer({ min: 0, max: 1 }),
      purpose: fc.constantFrom<Purpose>('service', 'marketing'),
      kind: fc.constantFrom<SendKind>('staff', 'bot', 'api', 'announcement', 'consent_request', 'revocation_confirmation', 'consent_clarify', 'reopt_in_notice'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('wait' as const), ms: fc.constantFrom(1, 60_000, 5 * HOUR, 25 * HOUR, 73 * HOUR) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('sweep' as const) }) },
);

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** The real engine and messaging core on a real SQLite file; what would go out is checked as it is queued. */
function run(actions: Action[]) {
  const dir = tempDir();
  const store = Store.open(dir);
  open.push(store);
  const clock = new ManualClock();
  const bus = new EventBus();
  const engine = new ConsentEngine(store, bus, clock, silentLogger, { demo: true });
  const messaging = new Messaging(store, bus, engine, clock, silentLogger);
  engine.attach(messaging);
  const violations: string[] = [];
  const requests = new Map<string, number[]>();
  bus.subscribe((event, payload) => {
    if (event !== 'message.added') return;
    const m = payload as { id: number; direction: string; contactId: number; purpose: Purpose | null };
    if (m.direction !== 'out') return;
    const kind = store.outbox.byMessageId(m.id)!.kind as SendKind;
    const purpose = m.purpose ?? 'service';
    const s = engine.state(m.contactId, 'service');
    const mk = engine.state(m.contactId, 'marketing');
    const ok =
      kind === 'consent_request'
        ? purpose === 'service'
          ? s === 'requested'
          : s === 'granted' && mk === 'requested'
        : kind === 'revocation_confirmation'
          ? s === 'revoked' || mk === 'revoked'
          : kind === 'consent_clarify'
            ? s === 'requested'
          : kind === 'reopt_in_notice'
            ? s === 'revoked'
          : kind === 'announcement' || purpose === 'marketing'
            ? mk === 'granted'
            : s === 'granted';
    if (!ok) violations.push(`${kind}/${purpose} queued with service=${s} marketing=${mk}`);
    if (kind === 'consent_request') {
      const key = `${m.contactId}/${purpose}`;
      requests.set(key, [...(requests.get(key) ?? []), clock.now()]);
      const times = requests.get(key)!;
      const prev = times.at(-2);
      if (prev !== undefined && clock.now() - prev < 24 * HOUR) {
        // Inside the window only a new cycle (after STOP or expiry) may ask again.
        const ended = store.db
          .prepare(`SELECT count(*) AS n FROM consent_events WHERE contact_id = ? AND purpose = ? AND to_state IN ('revoked','expired') AND at >= ?`)
          .get(m.contactId, purpose, prev) as { n: number };
        if (ended.n === 0) violations.push(`second ${purpose} request within the window`);
      }
    }
  });
  let n = 0;
  for (const a of actions) {
    if (a.t === 'customer') {
      messaging.receive({
        externalId: `p-${n++}`,
        from: { phone: PHONES[a.who]!, chatId: `${PHONES[a.who]!.slice(1)}@c.us` },
        type: 'text',
        body: a.text,
        sentAt: clock.now(),
      });
    } else if (a.t === 'staff') {
      const c = store.contacts.byPhone(PHONES[a.who]!);
      if (c) {
        try {
          messaging.send({ contactId: c.id, text: 'x', purpose: a.purpose, kind: a.kind, author: 'staff' });
        } catch {
          // refused by the gate: fine, the check above sees only what was queued
        }
      }
    } else if (a.t === 'wait') clock.advance(a.ms);
    else engine.sweep();
  }
  return { store, engine, violations, dir };
}

describe('consent engine properties (random message sequences, real SQLite)', () => {
  it('never queues a message without the consent its purpose needs; at most one request per window', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => {
        const { violations } = run(actions);
        expect(violations).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('counts a consent request toward its window whoever queued it (a case the property found)', () => {
    const { violations } = run([
      { t: 'customer', who: 0, text: 'START' },
      { t: 'wait', ms: 90_000_000 },
      { t: 'staff', who: 0, purpose: 'service', kind: 'consent_request' },
      { t: 'staff', who: 0, purpose: 'service', kind: 'consent_request' },
    ]);
    expect(violations).toEqual([]);
  });

  it('the chain always verifies, and any single tampering is found', () => {
    const tamper = fc.constantFrom('edit', 'edit-rehash', 'delete', 'swap');
    fc.assert(
      fc.property(fc.array(action, { minLength: 5, maxLength: 40 }), tamper, fc.nat(), fc.nat(), (actions, how, i, j) => {
        const { store, engine, dir } = run(actions);
        expect(engine.verify()).toMatchObject({ ok: true, problems: [] });
        const count = engine.repo.all().length;
        if (how === 'swap' ? count < 2 : count < 1) return;
        const copy = join(dir, `tampered-${how}.sqlite3`);
        store.db.exec(`VACUUM INTO '${copy}'`);
        const db = new Database(copy);
        db.pragma('foreign_keys = OFF'); // a forger ignores the details that point at events
        try {
          db.exec('DROP TRIGGER consent_events_no_update; DROP TRIGGER consent_events_no_delete; DROP TRIGGER consent_events_no_relink;');
          const ids = (db.prepare('SELECT id FROM consent_events ORDER BY id').all() as { id: number }[]).map((r) => r.id);
          const a = ids[i % ids.length]!;
          if (how === 'edit') db.prepare(`UPDATE consent_events SET to_state = 'granted', from_state = 'none' WHERE id = ?`).run(a);
          if (how === 'edit-rehash') {
            // A forger who recomputes the edited event's own hash still breaks the link or the head.
            const row = db.prepare('SELECT * FROM consent_events WHERE id = ?').get(a) as ChainRow;
            const forged = { ...row, at: row.at - 1 };
            db.prepare('UPDATE consent_events SET at = ?, hash = ? WHERE id = ?').run(forged.at, eventHash(forged), a);
          }
          if (how === 'delete') db.prepare('DELETE FROM consent_events WHERE id = ?').run(a);
          if (how === 'swap') {
            let b = ids[j % ids.length]!;
            if (b === a) b = ids[(ids.indexOf(a) + 1) % ids.length]!;
            const cols = 'contact_id, purpose, from_state, to_state, trigger_kind, policy_version, policy_hash, at, personal_digest, prev_hash, hash';
            const ra = db.prepare(`SELECT ${cols} FROM consent_events WHERE id = ?`).get(a) as Record<string, unknown>;
            const rb = db.prepare(`SELECT ${cols} FROM consent_events WHERE id = ?`).get(b) as Record<string, unknown>;
            const set = cols.split(', ').map((c) => `${c} = @${c}`).join(', ');
            db.prepare(`UPDATE consent_events SET hash = 'tmp' WHERE id = ?`).run(a);
            db.prepare(`UPDATE consent_events SET ${set} WHERE id = @id`).run({ ...ra, id: b });
            db.prepare(`UPDATE consent_events SET ${set} WHERE id = @id`).run({ ...rb, id: a });
          }
          const rows = new ConsentRepo(db).all();
          const head = JSON.parse((db.prepare(`SELECT value FROM settings WHERE key = 'consent.chainHead'`).get() as { value: string }).value) as ChainHead;
          expect(verifyChain(rows, head).length).toBeGreaterThan(0);
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the real database refuses to edit or delete consent events', () => {
    const { store, engine } = run([{ t: 'customer', who: 0, text: 'Hallo' }]);
    expect(engine.repo.all()).toHaveLength(1);
    expect(() => store.db.prepare(`UPDATE consent_events SET to_state = 'granted'`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM consent_events').run()).toThrow(/append-only/);
  });
});
