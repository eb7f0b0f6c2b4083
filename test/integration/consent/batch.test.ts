import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { InboundMessage } from '../../../main/core/channel';
import { simChatId, type SimulatorChannel } from '../../../main/channels/simulator';
import { LiveIntake } from '../../../main/core/live-intake';
import { toFoldedFtsQuery } from '../../../main/store/fold';
import { ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const A = '+4915111111111';
const B = '+4917122222222';
const C = '+4916033333333';
const apps: CreatedApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function start() {
  const app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock: new ManualClock() });
  apps.push(app);
  const events: { event: string; payload: unknown }[] = [];
  app.subscribe((event, payload) => events.push({ event, payload }));
  return { app, events };
}

let n = 0;
const msg = (phone: string, body: string, externalId = `ext-${++n}`): InboundMessage => ({
  externalId,
  from: { phone, chatId: simChatId(phone) },
  type: 'text',
  body,
  sentAt: 1_000 + n,
});

/** Interleaved customers; A confirms, writes, says STOP in the middle, then writes again. */
const script = (): InboundMessage[] => {
  n = 0;
  return [
    msg(A, 'Hallo, ist mein Rad fertig?'),
    msg(B, 'Guten Tag'),
    msg(A, 'JA'),
    msg(C, 'Moin'),
    msg(A, 'Danke für die Info'),
    msg(B, 'ja'),
    msg(A, 'STOP'),
    msg(A, 'Noch eine Frage zur Rechnung'),
    msg(B, 'Wann haben Sie geöffnet?'),
  ];
};

/** What the store holds afterwards, in a form both runs can be compared by. */
function snapshot(app: CreatedApp) {
  const db = app.context.store.db;
  return {
    inbound: db
      .prepare(`SELECT c.phone, m.body, m.quarantined, m.external_id FROM messages m JOIN conversations v ON v.id = m.conversation_id
                JOIN contacts c ON c.id = v.contact_id WHERE m.direction = 'in' ORDER BY m.id`)
      .all(),
    consent: db
      .prepare(`SELECT c.phone, e.purpose, e.from_state, e.to_state, p.trigger_ref FROM consent_events e JOIN consent_event_personal p ON p.event_id = e.id JOIN contacts c ON c.id = e.contact_id ORDER BY e.id`)
      .all(),
    outbound: db
      .prepare(`SELECT c.phone, o.kind FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations v ON v.id = m.conversation_id
                JOIN contacts c ON c.id = v.contact_id ORDER BY o.id`)
      .all(),
    summary: db.prepare('SELECT c.phone, v.unread, v.status, v.service_state FROM conversations v JOIN contacts c ON c.id = v.contact_id ORDER BY c.phone').all(),
  };
}

/**
 * Every stored message (the customers' and the consent texts) is found by
 * the words of its text: a batch writes the search entries at its end, so
 * one it forgot shows here.
 */
function expectEachMessageIndexedOnce(app: CreatedApp): void {
  const db = app.context.store.db;
  const rows = db.prepare('SELECT id, body FROM messages ORDER BY id').all() as { id: number; body: string }[];
  const hits = db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck();
  let checked = 0;
  for (const r of rows) {
    const query = toFoldedFtsQuery(r.body);
    if (!query) continue;
    const found = (hits.all(query) as number[]).filter((id) => id === r.id);
    expect(found, `message ${r.id}: ${r.body.slice(0, 40)}`).toHaveLength(1);
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

describe('inbound batches (catch-up)', () => {
  it('a batch stores exactly what one-at-a-time stores: every message once, in order, consent rules per message (STOP mid-batch)', async () => {
    const one = await start();
    for (const m of script()) one.app.context.messaging.receive(m);
    const batch = await start();
    const outcomes = batch.app.context.messaging.receiveBatch(script().map((m) => ({ msg: m })));
    expect(outcomes.every((o) => o.ok && !o.duplicate)).toBe(true);

    const a = snapshot(one.app);
    const b = snapshot(batch.app);
    expect(b).toEqual(a);
    expectEachMessageIndexedOnce(one.app);
    expectEachMessageIndexedOnce(batch.app);
    // Nothing lost, nothing duplicated, in the order given.
    expect(b.inbound.map((r) => (r as { external_id: string }).external_id)).toEqual(script().map((m) => m.externalId));
    // The STOP in the middle holds for A's later message: held back, never shown to staff.
    const afterStop = b.inbound.find((r) => (r as { body: string }).body === 'Noch eine Frage zur Rechnung') as { quarantined: number };
    expect(afterStop.quarantined).toBe(1);
    const stateOf = (phone: string) => (b.summary.find((r) => (r as { phone: string }).phone === phone) as { service_state: string }).service_state;
    expect(stateOf(A)).toBe('revoked');
    expect(stateOf(B)).toBe('granted');
    expect(stateOf(C)).toBe('requested');
    expect(b.consent.filter((e) => (e as { phone: string }).phone === A).map((e) => (e as { to_state: string }).to_state)).toEqual(['requested', 'granted', 'revoked']);
  });

  it('skips messages it already has (earlier or earlier in the same batch) and rolls back only a message it cannot take', async () => {
    const { app, events } = await start();
    const messaging = app.context.messaging;
    messaging.receive(msg(A, 'erste', 'dup-1'));
    events.length = 0;
    const outcomes = messaging.receiveBatch([
      { msg: msg(A, 'erste', 'dup-1') },
      { msg: msg(B, 'zweite', 'dup-2') },
      { msg: msg(B, 'zweite', 'dup-2') },
      // No number and an unknown messenger id: this one message is refused, the rest kept.
      { msg: { externalId: 'no-phone', from: { chatId: 'unknown@lid' }, type: 'text', body: '?', sentAt: 1 } },
      { msg: msg(C, 'dritte', 'ok-3') },
    ]);
    expect(outcomes.map((o) => (o.ok ? (o.duplicate ? 'dup' : 'new') : 'failed'))).toEqual(['dup', 'new', 'dup', 'failed', 'new']);
    const ids = app.context.store.db.prepare(`SELECT external_id FROM messages WHERE direction = 'in' ORDER BY id`).pluck().all();
    expect(ids).toEqual(['dup-1', 'dup-2', 'ok-3']);
    // The batch was taken twice (whole, then message by message): what the first attempt
    // wrote and announced is gone. One consent request each for B and C, every announced
    // message stored, none announced twice.
    const db = app.context.store.db;
    const requests = db.prepare(`SELECT c.phone FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations v ON v.id = m.conversation_id
      JOIN contacts c ON c.id = v.contact_id WHERE o.kind = 'consent_request' ORDER BY o.id`).pluck().all();
    expect(requests).toEqual([A, B, C]);
    const announced = events.flatMap((e) =>
      e.event === 'messages.added' ? (e.payload as { messages: { id: number }[] }).messages.map((m) => m.id) : e.event === 'message.added' ? [(e.payload as { id: number }).id] : [],
    );
    expect(announced.length).toBeGreaterThan(0);
    expect(new Set(announced).size).toBe(announced.length);
    for (const id of announced) expect(db.prepare('SELECT count(*) FROM messages WHERE id = ?').pluck().get(id), `message ${id}`).toBe(1);
    // No event twice: the first attempt's consent changes (B's request) are not sent besides the second's.
    const seen = events.map((e) => `${e.event} ${JSON.stringify(e.payload)}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(events.filter((e) => e.event === 'consent.changed')).toHaveLength(2);
    // The first attempt's search entries went with it; the second wrote each message's once.
    expectEachMessageIndexedOnce(app);
  });

  it('coalesces the events of a batch: one messages.added (oldest first), one row update per contact', async () => {
    const { app, events } = await start();
    const messaging = app.context.messaging;
    // Consent first, one at a time, so the batch's messages are visible.
    for (const m of [msg(A, 'Hallo'), msg(A, 'JA'), msg(B, 'Hallo'), msg(B, 'JA')]) messaging.receive(m);
    events.length = 0;
    messaging.receiveBatch([msg(A, 'eins'), msg(B, 'zwei'), msg(A, 'drei'), msg(B, 'vier'), msg(A, 'fünf')].map((m) => ({ msg: m })));
    const added = events.filter((e) => e.event === 'messages.added');
    expect(added).toHaveLength(1);
    expect(events.filter((e) => e.event === 'message.added')).toHaveLength(0);
    expect((added[0]!.payload as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(['eins', 'zwei', 'drei', 'vier', 'fünf']);
    expect(events.filter((e) => e.event === 'contact.updated')).toHaveLength(2);
    expect(events.filter((e) => e.event === 'conversation.changed')).toHaveLength(2);
    const rowA = events.filter((e) => e.event === 'conversation.changed').find((e) => (e.payload as { phone: string }).phone === A)!;
    expect((rowA.payload as { unread: number }).unread).toBeGreaterThanOrEqual(3);
  });

  it('the simulator delivers a burst as one batch through the app, in order', async () => {
    const { app, events } = await start();
    const sim = app.channel as SimulatorChannel;
    const burst = Array.from({ length: 60 }, (_, i) => ({ phone: [A, B, C][i % 3]!, input: `Nachricht ${i}` }));
    const out = await sim.customersSendBatch(burst);
    expect(out.every((o) => o.committed)).toBe(true);
    const bodies = app.context.store.db.prepare(`SELECT body FROM messages WHERE direction = 'in' ORDER BY id`).pluck().all();
    expect(bodies).toEqual(burst.map((b) => b.input));
    expect(new Set(out.map((o) => o.id)).size).toBe(60);
    // Three new contacts: one row update each, not one per message.
    expect(events.filter((e) => e.event === 'conversation.changed').length).toBeLessThanOrEqual(3 * 2);
  });
});

describe('live messages that arrive together (group commit)', () => {
  /** What is stored, without the ids the simulator makes up per run. */
  const stored = (app: CreatedApp) => {
    const s = snapshot(app);
    const strip = <T extends object>(rows: T[], key: string) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== key)));
    return { ...s, inbound: strip(s.inbound as object[], 'external_id'), consent: strip(s.consent as object[], 'trigger_ref') };
  };

  it('are committed in one transaction with the same rules and order as one at a time; a message alone stays message.added', async () => {
    const one = await start();
    const oneSim = one.app.channel as SimulatorChannel;
    for (const m of script()) await oneSim.customerSends(m.from.phone!, m.body);
    const together = await start();
    const sim = together.app.channel as SimulatorChannel;
    await Promise.all(script().map((m) => sim.customerSends(m.from.phone!, m.body)));

    expect(stored(together.app)).toEqual(stored(one.app));
    expect(stored(together.app).inbound.map((r) => r.body)).toEqual(script().map((m) => m.body));
    // Nine messages, one event for them all (the per-message path sent nine).
    const added = (events: { event: string }[]) => events.filter((e) => e.event === 'messages.added' || e.event === 'message.added');
    expect(added(together.events).map((e) => e.event)).toEqual(['messages.added']);
    expect(added(one.events).filter((e) => e.event === 'message.added').length).toBeGreaterThan(1);

    together.events.length = 0;
    await sim.customerSends(B, 'Noch da?');
    expect(added(together.events).map((e) => e.event)).toEqual(['message.added']);
  });

  it('a consent text queued while a message is taken goes to the line only after its transaction committed', async () => {
    const { app } = await start();
    const { channel, store, messaging } = app.context;
    const sends: { inTransaction: boolean; body: string; stored: boolean }[] = [];
    const send = channel.send.bind(channel);
    channel.send = (m) => {
      // What the line is handed must already be in the database for good: a crash after this point must not send it twice.
      const stored = store.db.prepare('SELECT count(*) FROM messages WHERE body = ?').pluck().get(m.body) as number;
      sends.push({ inTransaction: store.db.inTransaction, body: m.body, stored: stored > 0 });
      return send(m);
    };
    n = 0;
    messaging.receive(msg(A, 'Hallo, ist mein Rad fertig?'));
    messaging.receiveBatch([{ msg: msg(B, 'Guten Tag') }, { msg: msg(C, 'Moin') }]);
    await expect.poll(() => sends.length).toBe(3);
    expect(sends.map((s) => s.inTransaction)).toEqual([false, false, false]);
    expect(sends.every((s) => s.stored)).toBe(true);
  });

  it('a refused message rejects only its own sender (the channel delivers it again); the others are kept', async () => {
    const { app } = await start();
    const intake = new LiveIntake(app.context.messaging);
    n = 0;
    const results = await Promise.allSettled([
      intake.receive({ msg: msg(A, 'eins', 'g-1') }),
      intake.receive({ msg: { externalId: 'no-phone', from: { chatId: 'unknown@lid' }, type: 'text', body: '?', sentAt: 1 } }),
      intake.receive({ msg: msg(B, 'zwei', 'g-2') }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = app.context.store.db.prepare(`SELECT external_id FROM messages WHERE direction = 'in' ORDER BY id`).pluck().all();
    expect(ids).toEqual(['g-1', 'g-2']);
    // Alone, the same message is refused the same way.
    await expect(intake.receive({ msg: { externalId: 'no-phone', from: { chatId: 'unknown@lid' }, type: 'text', body: '?', sentAt: 1 } })).rejects.toThrow();
  });
});
