import { describe, expect, it } from 'vitest';
import { ChannelOfflineError, PermanentChannelError, SendCancelledError, TransientChannelError, type Channel, type ChannelEvents, type ChannelState, type OutboundMessage } from '../../../main/core/channel';
import type { ConsentHooks } from '../../../main/core/consent-hooks';
import { EventBus } from '../../../main/core/event-bus';
import { Messaging } from '../../../main/core/messaging';
import { OutboxWorker } from '../../../main/core/outbox-worker';
import { Store } from '../../../main/store';
import { ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const allowAll: ConsentHooks = { holdsInbound: () => false, afterInbound: () => {}, gate: () => ({ allowed: true }) };

/** A line that can be switched off and that records what really left. */
class FlakyChannel implements Channel {
  readonly kind = 'simulator' as const;
  online = true;
  hardError: string | undefined;
  /** Says connected but finds the line gone when sending (a race with a disconnect). */
  raceOffline = false;
  permanentError: string | undefined;
  delivered: OutboundMessage[] = [];
  private seen = new Map<string, string>();
  private n = 0;
  handlers: Partial<ChannelEvents> = {};
  async start() {}
  async stop() {}
  state(): ChannelState {
    return this.online ? { state: 'connected' } : { state: 'disconnected' };
  }
  setHandlers(h: Partial<ChannelEvents>) {
    this.handlers = h;
  }
  async send(msg: OutboundMessage) {
    if (this.hardError) throw new Error(this.hardError);
    if (this.permanentError) throw new PermanentChannelError(this.permanentError);
    if (this.raceOffline) throw new ChannelOfflineError('not connected (disconnected)');
    if (!this.online) throw new TransientChannelError('offline');
    const known = this.seen.get(msg.idempotencyKey);
    if (known) return { externalId: known };
    const externalId = `out-${++this.n}`;
    this.seen.set(msg.idempotencyKey, externalId);
    this.delivered.push(msg);
    return { externalId };
  }
}

function setup(dir: string, gate: ConsentHooks = allowAll) {
  const store = Store.open(dir);
  const clock = new ManualClock();
  const bus = new EventBus();
  const channel = new FlakyChannel();
  const messaging = new Messaging(store, bus, gate, clock, silentLogger);
  const worker = new OutboxWorker(store, channel, messaging, gate, clock, silentLogger, {
    maxAttempts: 3,
    baseDelayMs: 1000,
    maxDelayMs: 10_000,
  });
  const contact = store.contacts.create('+4915112345678', clock.now());
  return { store, clock, channel, messaging, worker, contact };
}

describe('durable outbox', () => {
  it('keeps a message queued while the line is down and sends it exactly once after reconnect', async () => {
    const { store, clock, channel, messaging, worker, contact } = setup(tempDir());
    const msg = messaging.send({ contactId: contact.id, text: 'Ihr Paket ist da', purpose: 'service', kind: 'staff', author: 'staff' });
    channel.online = false;
    // A long outage: far more drains and time than maxAttempts and the back-off allow.
    for (let i = 0; i < 10; i++) {
      await worker.drain();
      clock.advance(60_000);
    }
    expect(store.messages.byId(msg.id)!.status).toBe('queued');
    // Waiting for the line is not a failed try.
    expect(store.outbox.byMessageId(msg.id)).toMatchObject({ state: 'queued', attempts: 0 });

    channel.online = true;
    await worker.drain();
    expect(channel.delivered.map((m) => m.body)).toEqual(['Ihr Paket ist da']);
    expect(store.messages.byId(msg.id)).toMatchObject({ status: 'sent', external_id: 'out-1' });
    await worker.stop();
    store.close();
  });

  it('does not count a send that found the line gone as a try, and sends it once the line is back', async () => {
    const { store, clock, channel, messaging, worker, contact } = setup(tempDir());
    const msg = messaging.send({ contactId: contact.id, text: 'Bin gleich da', purpose: 'service', kind: 'staff', author: 'staff' });
    channel.raceOffline = true;
    for (let i = 0; i < 6; i++) {
      await worker.drain();
      clock.advance(10_000);
    }
    expect(store.outbox.byMessageId(msg.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(store.messages.byId(msg.id)!.status).toBe('queued');
    channel.raceOffline = false;
    await worker.drain();
    expect(store.messages.byId(msg.id)!.status).toBe('sent');
    await worker.stop();
    store.close();
  });

  it('fails a message at once when the channel says retrying cannot help (not on WhatsApp)', async () => {
    const { store, channel, messaging, worker, contact } = setup(tempDir());
    channel.permanentError = 'this number is not on WhatsApp';
    const msg = messaging.send({ contactId: contact.id, text: 'Hallo', purpose: 'service', kind: 'staff', author: 'staff' });
    await worker.drain();
    expect(store.outbox.byMessageId(msg.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(store.messages.byId(msg.id)!.error).toContain('not on WhatsApp');
    await worker.stop();
    store.close();
  });

  it('after a crash mid-send, re-queues with the same idempotency key so the message leaves once', async () => {
    const dir = tempDir();
    const first = setup(dir);
    const msg = first.messaging.send({ contactId: first.contact.id, text: 'Abholbereit', purpose: 'service', kind: 'staff', author: 'staff' });
    const key = first.store.outbox.byMessageId(msg.id)!.idempotency_key;
    // The channel accepted it, then the process died before the result was stored.
    await first.channel.send({ idempotencyKey: key, to: { chatId: 'x', phone: '+4915112345678' }, type: 'text', body: 'Abholbereit' });
    first.store.outbox.markSending(first.store.outbox.byMessageId(msg.id)!.id);
    first.store.close();

    const store = Store.open(dir);
    const clock = new ManualClock();
    const messaging = new Messaging(store, new EventBus(), allowAll, clock, silentLogger);
    const worker = new OutboxWorker(store, first.channel, messaging, allowAll, clock, silentLogger);
    worker.start();
    await worker.drain();
    expect(first.channel.delivered).toHaveLength(1);
    expect(store.messages.byId(msg.id)!.status).toBe('sent');
    await worker.stop();
    store.close();
  });

  it('marks a message failed after the last try, and staff can retry it', async () => {
    const { store, clock, channel, messaging, worker, contact } = setup(tempDir());
    channel.hardError = 'recipient not on WhatsApp';
    const msg = messaging.send({ contactId: contact.id, text: 'Termin morgen 10 Uhr', purpose: 'service', kind: 'staff', author: 'staff' });
    for (let i = 0; i < 3; i++) {
      await worker.drain();
      clock.advance(10_000);
    }
    expect(store.messages.byId(msg.id)).toMatchObject({ status: 'failed' });
    expect(store.messages.byId(msg.id)!.error).toContain('recipient not on WhatsApp');
    expect(store.outbox.byMessageId(msg.id)!.state).toBe('failed');

    channel.hardError = undefined;
    messaging.retry(msg.id);
    expect(store.messages.byId(msg.id)!.status).toBe('queued');
    await worker.drain();
    expect(store.messages.byId(msg.id)!.status).toBe('sent');
    expect(channel.delivered).toHaveLength(1);
    await worker.stop();
    store.close();
  });

  it('retrying a message the messenger reported undeliverable sends it again, under a new key', async () => {
    const { store, channel, messaging, worker, contact } = setup(tempDir());
    const msg = messaging.send({ contactId: contact.id, text: 'Ihre Rechnung', purpose: 'service', kind: 'staff', author: 'staff' });
    await worker.drain();
    worker.applyAck({ externalId: 'out-1', state: 'failed' });
    expect(store.messages.byId(msg.id)!.status).toBe('failed');
    messaging.retry(msg.id);
    await worker.drain();
    expect(channel.delivered.map((m) => m.body)).toEqual(['Ihre Rechnung', 'Ihre Rechnung']);
    expect(new Set(channel.delivered.map((m) => m.idempotencyKey)).size).toBe(2);
    expect(store.messages.byId(msg.id)).toMatchObject({ status: 'sent', external_id: 'out-2' });
    await worker.stop();
    store.close();
  });

  it('asks the gate again at send time: consent withdrawn after queueing wins', async () => {
    let allowed = true;
    const gate: ConsentHooks = {
      ...allowAll,
      gate: () => (allowed ? { allowed: true } : { allowed: false, reason: 'consent_revoked', message: 'Kunde hat STOP geschrieben.' }),
    };
    const { store, channel, messaging, worker, contact } = setup(tempDir(), gate);
    const msg = messaging.send({ contactId: contact.id, text: 'Angebot', purpose: 'service', kind: 'staff', author: 'staff' });
    allowed = false;
    await worker.drain();
    expect(channel.delivered).toHaveLength(0);
    expect(store.messages.byId(msg.id)).toMatchObject({ status: 'failed', error: 'Kunde hat STOP geschrieben.' });
    await worker.stop();
    store.close();
  });

  it('a STOP that arrives while the message waits for pacing stops it at the last moment', async () => {
    let allowed = true;
    const gate: ConsentHooks = {
      ...allowAll,
      gate: () => (allowed ? { allowed: true } : { allowed: false, reason: 'consent_revoked', message: 'Kunde hat STOP geschrieben.' }),
    };
    const { store, channel, messaging, worker, contact } = setup(tempDir(), gate);
    // The line paces: while it waits, the customer revokes.
    const send = channel.send.bind(channel);
    channel.send = async (msg) => {
      allowed = false;
      if (msg.mayStillSend && !msg.mayStillSend()) throw new SendCancelledError('consent withdrawn');
      return send(msg);
    };
    const msg = messaging.send({ contactId: contact.id, text: 'Angebot', purpose: 'service', kind: 'staff', author: 'staff' });
    await worker.drain();
    expect(channel.delivered).toHaveLength(0);
    expect(store.messages.byId(msg.id)).toMatchObject({ status: 'failed', error: 'Kunde hat STOP geschrieben.' });
    expect(store.outbox.byMessageId(msg.id)!.state).toBe('failed');
    await worker.stop();
    store.close();
  });

  it('moves status only forward with acks', async () => {
    const { store, messaging, worker, contact } = setup(tempDir());
    const msg = messaging.send({ contactId: contact.id, text: 'Hallo', purpose: 'service', kind: 'staff', author: 'staff' });
    await worker.drain();
    worker.applyAck({ externalId: 'out-1', state: 'read' });
    worker.applyAck({ externalId: 'out-1', state: 'delivered' });
    expect(store.messages.byId(msg.id)!.status).toBe('read');
    await worker.stop();
    store.close();
  });
});

describe('inbound', () => {
  it('commits each message id once and merges @lid and phone ids into one contact', () => {
    const { store, messaging } = setup(tempDir());
    const base = { type: 'text' as const, sentAt: 1 };
    messaging.receive({ ...base, externalId: 'a', body: 'Hallo', from: { chatId: '4915112345678@c.us', phone: '+4915112345678' } });
    messaging.receive({ ...base, externalId: 'a', body: 'Hallo', from: { chatId: '4915112345678@c.us', phone: '+4915112345678' } });
    messaging.receive({ ...base, externalId: 'b', body: 'Noch da?', from: { chatId: '99887766@lid', phone: '+4915112345678' } });
    messaging.receive({ ...base, externalId: 'c', body: 'Hallo?', from: { chatId: '99887766@lid' } });
    expect(store.contacts.list({ limit: 10 })).toHaveLength(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 3 });
    expect(store.contacts.addresses(1).sort()).toEqual(['4915112345678@c.us', '99887766@lid']);
    store.close();
  });

  it('refuses (does not commit) a message whose sender has no resolvable number', () => {
    const { store, messaging } = setup(tempDir());
    expect(() =>
      messaging.receive({ externalId: 'x', body: 'hi', type: 'text', sentAt: 1, from: { chatId: '123@lid' } }),
    ).toThrow(/no phone number/);
    expect(store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    store.close();
  });
});
