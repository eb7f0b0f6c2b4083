import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wwebjs from 'whatsapp-web.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelOfflineError, PermanentChannelError, SendCancelledError, TransientChannelError, type AckEvent, type ChannelState, type InboundMessage } from '../../../main/core/channel';
import { sessionFolder } from '../../../main/channels/whatsapp/client-options';
import { SqliteSyncStore } from '../../../main/channels/whatsapp/sync-store';
import { WhatsAppChannel, type MediaRecovered } from '../../../main/channels/whatsapp/whatsapp-channel';
import { Pacer } from '../../../main/core/pacing';
import { migration003 } from '../../../main/store/migrations/003_whatsapp';
import { useTempDirs } from '../../helpers/temp-dir';
import { FakeWhatsApp, raw, silentLogger, waitFor } from '../../fakes/whatsapp-client';

const tempDir = useTempDirs();
const CUSTOMER = '4915112345678@c.us';
const clock = { now: () => Date.now() };
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);

const open: { ch: WhatsAppChannel; db: Database.Database }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.ch.stop();
    o.db.close();
  }
});

function setup(dir = tempDir(), world = new FakeWhatsApp(), extra: Partial<ConstructorParameters<typeof WhatsAppChannel>[0]> = {}) {
  const db = new Database(join(dir, 'tresen.sqlite3'));
  if ((db.pragma('user_version', { simple: true }) as number) < 3) {
    migration003.up(db);
    db.pragma('user_version = 3');
  }
  const sync = new SqliteSyncStore(db);
  const committed: InboundMessage[] = [];
  const states: ChannelState[] = [];
  const acks: AckEvent[] = [];
  const recovered: MediaRecovered[] = [];
  const ctl = { failCommits: 0 };
  const ch = new WhatsAppChannel({
    dataDir: dir,
    clientFactory: world.factory,
    logger: silentLogger,
    clock,
    pacing: new Pacer({ perSecond: 1000, perMinute: 100_000, announcementsPerMinute: 1000 }, clock),
    syncStore: sync,
    backoff: { initialMs: 10, maxMs: 40 },
    watchdogMs: 0,
    plannedRestartMs: 0,
    inboundRetryMs: 0,
    mediaRetry: { intervalMs: 0, baseDelayMs: 0, maxAttempts: 3 },
    timeouts: { sendMs: 150, callMs: 500 },
    ...extra,
  });
  ch.setHandlers({
    // Stands in for the app's pipeline: "commit", or fail as a crashed commit would.
    message: async (m) => {
      if (ctl.failCommits > 0) {
        ctl.failCommits--;
        throw new Error('SQLITE_IOERR: disk I/O error');
      }
      committed.push(m);
    },
    state: (s) => states.push(s),
    ack: (a) => acks.push(a),
  });
  ch.setMediaHandler(async (m) => {
    recovered.push(m);
  });
  open.push({ ch, db });
  return { dir, db, sync, world, ch, committed, states, acks, recovered, ctl };
}

async function connect(env: ReturnType<typeof setup>): Promise<void> {
  const before = env.world.clients.length;
  await env.ch.start();
  await waitFor(() => env.world.clients.length > before && env.world.current.initCalls > 0, 'client initialized');
  env.world.current.link();
  await waitFor(() => env.ch.state().state === 'connected', 'connected');
  await env.ch.whenIdle();
}

const ids = (ms: InboundMessage[]) => ms.map((m) => m.externalId);
const now = () => Math.floor(Date.now() / 1000);

describe('WhatsAppChannel with a fake client emitting real Message objects', () => {
  it('goes through starting → syncing → connected and registers each listener once per client', async () => {
    const env = setup();
    await connect(env);
    const sequence = env.states.map((s) => s.state).filter((s, i, all) => s !== all[i - 1]);
    expect(sequence).toEqual(['starting', 'syncing', 'connected']);
    expect(env.states).toContainEqual({ state: 'syncing', percent: 40 });
    for (const ev of ['message', 'message_create', 'message_ack', 'ready', 'disconnected', 'qr']) {
      expect(env.world.current.listenerCount(ev)).toBe(1);
    }
  });

  it('delivers a customer message once despite message_create, repeated events and catch-up', async () => {
    const env = setup();
    await connect(env);
    const r = raw({ id: 'A1', chat: CUSTOMER, body: 'Ist mein Fahrrad fertig?', t: now(), notifyName: 'Anna' });
    env.world.current.receive(r);
    env.world.current.emitLive(r);
    env.world.current.emitLive(r);
    await env.ch.catchUp();
    await env.ch.whenIdle();
    expect(env.committed).toHaveLength(1);
    expect(env.committed[0]).toMatchObject({
      externalId: `false_${CUSTOMER}_A1`,
      type: 'text',
      body: 'Ist mein Fahrrad fertig?',
      from: { chatId: CUSTOMER, phone: '+4915112345678', pushName: 'Anna' },
    });
    expect(env.committed[0]?.fromMe).toBeUndefined();
  });

  it('shows a message typed on the phone (message_create, fromMe) as sent by the shop', async () => {
    const env = setup();
    await connect(env);
    env.world.current.receive(raw({ id: 'P1', chat: CUSTOMER, fromMe: true, body: 'Ja, ab 16 Uhr abholbereit', t: now() }));
    await waitFor(() => env.committed.length === 1, 'phone message');
    expect(env.committed[0]).toMatchObject({ fromMe: true, from: { chatId: CUSTOMER, phone: '+4915112345678' }, body: 'Ja, ab 16 Uhr abholbereit' });
  });

  it('reconnects with back-off and catches up without doubling messages that also arrive live', async () => {
    const env = setup();
    await connect(env);
    const t0 = now() - 100;
    env.world.current.receive(raw({ id: 'M1', chat: CUSTOMER, body: 'eins', t: t0 }));
    await waitFor(() => env.committed.length === 1, 'M1');
    const first = env.world.current;
    first.emit('disconnected', 'NAVIGATION');
    await waitFor(() => env.states.some((s) => s.state === 'disconnected' && s.retryInMs === 10), 'disconnected with retry');
    // Messages reach the phone while Tresen is away.
    const m2 = raw({ id: 'M2', chat: CUSTOMER, body: 'zwei', t: t0 + 10 });
    const m3 = raw({ id: 'M3', chat: '4917600000000@c.us', body: 'drei', t: t0 + 20 });
    env.world.store(m2);
    env.world.store(m3);
    await waitFor(() => env.world.clients.length === 2 && env.world.current.initCalls === 1, 'second client');
    expect(first.destroyed).toBe(1);
    expect(first.listenerCount('message')).toBe(0);
    const second = env.world.current;
    second.link();
    second.emitLive(m3); // the same message also arrives live during catch-up
    await waitFor(() => env.committed.length >= 3, 'catch-up');
    await env.ch.whenIdle();
    expect(ids(env.committed)).toEqual([`false_${CUSTOMER}_M1`, `false_${CUSTOMER}_M2`, 'false_4917600000000@c.us_M3']);
    expect(env.sync.getCheckpoint()).toBe(t0 + 20);
  });

  it('does not checkpoint a message whose commit failed, and delivers it again on catch-up', async () => {
    const env = setup();
    await connect(env);
    const t0 = now() - 50;
    env.ctl.failCommits = 1;
    env.world.current.receive(raw({ id: 'F1', chat: CUSTOMER, body: 'verloren?', t: t0 }));
    env.world.current.receive(raw({ id: 'F2', chat: CUSTOMER, body: 'danach', t: t0 + 5 }));
    await waitFor(() => env.committed.length === 1, 'F2');
    expect(ids(env.committed)).toEqual([`false_${CUSTOMER}_F2`]);
    expect(env.sync.getCheckpoint()).toBeLessThanOrEqual(t0);
    await env.ch.catchUp();
    await env.ch.whenIdle();
    expect(ids(env.committed)).toEqual([`false_${CUSTOMER}_F2`, `false_${CUSTOMER}_F1`]);
    expect(env.sync.getCheckpoint()).toBe(t0 + 5);
  });

  it('a catch-up batch whose message the app could not store keeps the checkpoint below it and delivers it again', async () => {
    const env = setup();
    const batches: string[][] = [];
    let refuse = `false_${CUSTOMER}_B2`;
    env.ch.setHandlers({
      messages: async (batch) => {
        batches.push(batch.map((m) => m.externalId));
        const ok = batch.map((m) => m.externalId !== refuse);
        env.committed.push(...batch.filter((_, i) => ok[i]));
        return ok;
      },
    });
    await connect(env);
    const t0 = now() - 50;
    for (let i = 1; i <= 3; i++) env.world.store(raw({ id: `B${i}`, chat: CUSTOMER, body: `Nachricht ${i}`, t: t0 + i }));
    await env.ch.catchUp();
    await env.ch.whenIdle();
    expect(batches).toEqual([[`false_${CUSTOMER}_B1`, `false_${CUSTOMER}_B2`, `false_${CUSTOMER}_B3`]]);
    expect(ids(env.committed)).toEqual([`false_${CUSTOMER}_B1`, `false_${CUSTOMER}_B3`]);
    expect(env.sync.getCheckpoint()).toBeLessThanOrEqual(t0 + 2);
    refuse = '';
    await env.ch.catchUp();
    await env.ch.whenIdle();
    expect(ids(env.committed)).toEqual([`false_${CUSTOMER}_B1`, `false_${CUSTOMER}_B3`, `false_${CUSTOMER}_B2`]);
    expect(batches[1]).toEqual([`false_${CUSTOMER}_B2`]);
    expect(env.sync.getCheckpoint()).toBe(t0 + 3);
  });

  it('after an app restart catches up from the stored checkpoint (SQLite)', async () => {
    const dir = tempDir();
    const world = new FakeWhatsApp();
    const a = setup(dir, world);
    await connect(a);
    const t0 = now() - 30;
    a.world.current.receive(raw({ id: 'R1', chat: CUSTOMER, body: 'vorher', t: t0 }));
    await waitFor(() => a.committed.length === 1, 'R1');
    await a.ch.stop();
    world.store(raw({ id: 'R2', chat: CUSTOMER, body: 'waehrend Tresen aus war', t: t0 + 3 }));
    const b = setup(dir, world);
    expect(b.sync.getCheckpoint()).toBe(t0);
    await connect(b);
    await waitFor(() => b.committed.some((m) => m.externalId.endsWith('_R2')), 'R2');
    // R1 (same second as the checkpoint) may be offered again; the store's unique id drops it.
    expect(b.committed.filter((m) => m.externalId.endsWith('_R2'))).toHaveLength(1);
  });

  it('on LOGOUT removes the session, shows logged_out and does not restart until linked again', async () => {
    const env = setup();
    const folder = sessionFolder(env.dir, 'tresen');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Cookies'), 'x');
    await connect(env);
    env.world.current.emit('disconnected', 'LOGOUT');
    await waitFor(() => env.ch.state().state === 'logged_out', 'logged_out');
    expect(existsSync(folder)).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(env.world.clients).toHaveLength(1);
    await expect(env.ch.send({ idempotencyKey: 'k', to: { chatId: CUSTOMER }, type: 'text', body: 'Hallo' })).rejects.toBeInstanceOf(TransientChannelError);
    await env.ch.start();
    await waitFor(() => env.world.clients.length === 2, 'relink client');
    env.world.current.emit('qr', '2@abc,def');
    expect(env.ch.state()).toEqual({ state: 'qr', qr: '2@abc,def' });
  });

  it('sends a reply with quote as WhatsApp\'s own reply (text and file), and a plain message without one', async () => {
    const env = setup();
    await connect(env);
    const quoted = env.world.current.receive(raw({ id: 'Q1', chat: CUSTOMER, body: 'Ist mein Handy fertig?', t: now() }));
    await env.ch.whenIdle();
    const quotedId = quoted.id._serialized;
    await env.ch.send({ idempotencyKey: 'r1', to: { chatId: CUSTOMER }, type: 'text', body: 'Ja, heute ab 15 Uhr.', quotedExternalId: quotedId });
    await env.ch.send({ idempotencyKey: 'r2', to: { chatId: CUSTOMER }, type: 'image', body: 'So sieht es aus', media: { data: PNG, mime: 'image/png' }, quotedExternalId: quotedId });
    await env.ch.send({ idempotencyKey: 'r3', to: { chatId: CUSTOMER }, type: 'text', body: 'Bis später' });
    expect(env.world.sent.map((s) => s.options?.quotedMessageId)).toEqual([quotedId, quotedId, undefined]);
    expect(env.world.sent[1]?.options?.caption).toBe('So sieht es aus');
  });

  it('hands an edit and a deletion for everyone over, after the message they concern', async () => {
    const env = setup();
    await connect(env);
    const edits: unknown[] = [];
    const revokes: unknown[] = [];
    env.ch.setHandlers({ edit: (e) => void edits.push(e), revoke: (e) => void revokes.push(e) });
    const client = env.world.current;
    const m = client.receive(raw({ id: 'ED1', chat: CUSTOMER, body: 'Abholung um 15 Uhr', t: now() }));
    client.emit('message_edit', m, 'Abholung um 16 Uhr', 'Abholung um 15 Uhr');
    // WhatsApp Web turns the message into type "revoked" under the same id; the library adds its copy from before.
    client.emit('message_revoke_everyone', client.msg(raw({ id: 'ED1', chat: CUSTOMER, type: 'revoked', t: now() })), m);
    await env.ch.whenIdle();
    expect(ids(env.committed)).toEqual([m.id._serialized]);
    expect(edits).toEqual([{ externalId: m.id._serialized, body: 'Abholung um 16 Uhr', at: expect.any(Number) }]);
    expect(revokes).toEqual([{ externalId: m.id._serialized }]);
  });

  it('rejects a send while disconnected, then sends it exactly once after reconnect', async () => {
    const env = setup();
    const msg = { idempotencyKey: 'out-1', to: { chatId: CUSTOMER, phone: '+4915112345678' }, type: 'text' as const, body: 'Ihr Paket ist da' };
    await expect(env.ch.send(msg)).rejects.toBeInstanceOf(TransientChannelError);
    await connect(env);
    const a = await env.ch.send(msg);
    const b = await env.ch.send(msg);
    expect(b).toEqual(a);
    expect(env.world.sent).toHaveLength(1);
    expect(env.world.sent[0]?.chatId).toBe(CUSTOMER);
    expect(a.externalId).toMatch(/^true_4915112345678@c\.us_OUT/);
    await env.ch.whenIdle();
    // The library's message_create echo of our own send is not a "typed on the phone" message.
    expect(env.committed).toHaveLength(0);
  });

  it("picks the contact's phone chat among the ids the app knows, else another known id, else the number", async () => {
    const env = setup();
    await connect(env);
    const lid = '123456789012345@lid';
    await env.ch.send({ idempotencyKey: 'pick-1', to: { phone: '+4915112345678', knownChatIds: [lid, CUSTOMER] }, type: 'text', body: 'eins' });
    await env.ch.send({ idempotencyKey: 'pick-2', to: { phone: '+4915112345678', knownChatIds: [lid] }, type: 'text', body: 'zwei' });
    await env.ch.send({ idempotencyKey: 'pick-3', to: { phone: '+4915112345678', knownChatIds: [] }, type: 'text', body: 'drei' });
    expect(env.world.sent.map((m) => m.chatId)).toEqual([CUSTOMER, lid, CUSTOMER]);
  });

  it('does not send when consent was withdrawn while the message waited for pacing', async () => {
    const env = setup();
    await connect(env);
    let asked = 0;
    const msg = {
      idempotencyKey: 'out-stop',
      to: { chatId: CUSTOMER, phone: '+4915112345678' },
      type: 'text' as const,
      body: 'Angebot der Woche',
      mayStillSend: () => (++asked, false),
    };
    await expect(env.ch.send(msg)).rejects.toBeInstanceOf(SendCancelledError);
    expect(asked).toBe(1);
    expect(env.world.sent).toHaveLength(0);
  });

  it('after an ambiguous send (no answer) finds the sent message instead of sending twice', async () => {
    const env = setup();
    await connect(env);
    env.world.hangSends = 1;
    const msg = { idempotencyKey: 'out-amb', to: { chatId: CUSTOMER }, type: 'text' as const, body: 'Reparatur fertig' };
    await expect(env.ch.send(msg)).rejects.toBeInstanceOf(TransientChannelError);
    const again = await env.ch.send(msg);
    expect(env.world.sent).toHaveLength(1);
    expect(again.externalId).toMatch(/_OUT1$/);
  });

  it('retries after a plain send failure and maps every ack state', async () => {
    const env = setup();
    await connect(env);
    env.world.failSends = 1;
    const msg = { idempotencyKey: 'out-ack', to: { phone: '+49 151 12345678', chatId: '' }, type: 'text' as const, body: 'Termin morgen 10 Uhr' };
    await expect(env.ch.send(msg)).rejects.toBeInstanceOf(TransientChannelError);
    const { externalId } = await env.ch.send(msg);
    expect(env.world.sent).toHaveLength(1);
    const sent = await env.world.current.getMessageById(externalId);
    expect(sent).not.toBeNull();
    for (const ack of [0, 1, 2, 3, 4, -1, 99]) env.world.current.emit('message_ack', sent, ack);
    env.world.current.emit('message_ack', env.world.current.msg(raw({ id: 'X', chat: CUSTOMER, t: now() })), 3);
    await waitFor(() => env.acks.length === 6, 'acks');
    expect(env.acks.map((a) => a.state)).toEqual(['pending', 'sent', 'delivered', 'read', 'read', 'failed']);
    expect(new Set(env.acks.map((a) => a.externalId))).toEqual(new Set([externalId]));
  });

  it('sends media as MessageMedia built from bytes', async () => {
    const env = setup();
    await connect(env);
    await env.ch.send({ idempotencyKey: 'img', to: { chatId: CUSTOMER }, type: 'image', body: 'Das Ersatzteil', media: { data: PNG, mime: 'image/png', fileName: 'teil.png' } });
    const content = env.world.sent[0]?.content;
    expect(content).toBeInstanceOf(wwebjs.MessageMedia);
    expect(content).toMatchObject({ mimetype: 'image/png', filename: 'teil.png', data: PNG.toString('base64') });
    expect(env.world.sent[0]?.options?.caption).toBe('Das Ersatzteil');
  });

  it('commits a message whose media failed to download, then retries the download and hands the bytes over', async () => {
    const env = setup();
    await connect(env);
    const r = raw({ id: 'IMG1', chat: CUSTOMER, type: 'image', body: 'Kratzer am Rahmen', t: now(), media: { mimetype: 'image/jpeg' } });
    const id = `false_${CUSTOMER}_IMG1`;
    env.world.media.set(id, () => {
      throw new Error('net::ERR_CONNECTION_RESET');
    });
    env.world.current.receive(r);
    await waitFor(() => env.committed.length === 1, 'image message');
    expect(env.committed[0]).toMatchObject({ type: 'image', body: 'Kratzer am Rahmen', extra: { mediaPending: true } });
    expect(env.committed[0]?.media).toBeUndefined();
    expect(env.sync.dueMediaRetries(Date.now(), 10).map((x) => x.externalId)).toEqual([id]);

    env.world.media.set(id, () => ({ data: PNG.toString('base64'), mimetype: 'image/jpeg', filename: 'IMG.jpg' }));
    await env.ch.retryPendingMedia();
    expect(env.recovered).toHaveLength(1);
    expect(env.recovered[0]?.externalId).toBe(id);
    expect(env.recovered[0]?.media.data.equals(PNG)).toBe(true);
    expect(env.recovered[0]?.media.claimedMime).toBe('image/jpeg');
    expect(env.sync.dueMediaRetries(Date.now(), 10)).toEqual([]);
  });

  it('downloads media with the message when it is available', async () => {
    const env = setup();
    await connect(env);
    const id = `false_${CUSTOMER}_DOC1`;
    env.world.media.set(id, () => ({ data: Buffer.from('%PDF-1.4 ...').toString('base64'), mimetype: 'application/pdf', filename: 'Rechnung.pdf' }));
    env.world.current.receive(raw({ id: 'DOC1', chat: CUSTOMER, type: 'document', t: now(), media: { mimetype: 'application/pdf', filename: 'Rechnung.pdf' } }));
    await waitFor(() => env.committed.length === 1, 'document');
    expect(env.committed[0]?.media?.fileName).toBe('Rechnung.pdf');
    expect(env.committed[0]?.media?.data.toString()).toBe('%PDF-1.4 ...');
  });

  it('delivers the @lid and the phone id of one person with the same phone', async () => {
    const env = setup();
    await connect(env);
    env.world.lid.set('123456789012345@lid', CUSTOMER);
    env.world.current.receive(raw({ id: 'L1', chat: CUSTOMER, body: 'START', t: now() }));
    env.world.current.receive(raw({ id: 'L2', chat: '123456789012345@lid', body: 'JA', t: now() }));
    await waitFor(() => env.committed.length === 2, 'both');
    expect(env.committed.map((m) => m.from)).toEqual([
      { chatId: CUSTOMER, phone: '+4915112345678' },
      { chatId: '123456789012345@lid', phone: '+4915112345678' },
    ]);
    expect(env.committed[1]?.extra?.['phoneChatId']).toBe(CUSTOMER);
  });

  it('survives one message of every MessageTypes value and ignores groups and status', async () => {
    const env = setup();
    await connect(env);
    const types = Object.values(wwebjs.MessageTypes) as string[];
    types.push('some_future_type');
    const t = now();
    types.forEach((type, i) => {
      const extra: Record<string, unknown> = {};
      if (type === 'multi_vcard') extra['vcardList'] = [{ vcard: 'BEGIN:VCARD\nFN:Max Muster\nEND:VCARD' }];
      if (type === 'location') Object.assign(extra, { lat: 52.52, lng: 13.405, loc: 'Laden\nHauptstr. 1' });
      env.world.current.receive(raw({ id: `T${i}`, chat: CUSTOMER, type, body: type === 'vcard' ? 'BEGIN:VCARD\nFN:Eva\nEND:VCARD' : `b-${type}`, t, extra }));
    });
    env.world.current.receive(raw({ id: 'G1', chat: '120363000000000000@g.us', body: 'Gruppe', t, extra: { author: CUSTOMER } }));
    env.world.current.receive(raw({ id: 'S1', chat: 'status@broadcast', body: 'Status', t, extra: { author: CUSTOMER } }));
    await env.ch.whenIdle();
    expect(env.ch.state().state).toBe('connected');
    const byWa = new Map(env.committed.map((m) => [m.extra?.['waType'], m]));
    expect(byWa.get('chat')?.type).toBe('text');
    expect(byWa.get('ptt')?.type).toBe('voice');
    expect(byWa.get('location')).toMatchObject({ type: 'location', extra: { lat: 52.52, lng: 13.405 } });
    expect(byWa.get('vcard')).toMatchObject({ type: 'contact_card', body: 'Eva' });
    expect(byWa.get('multi_vcard')).toMatchObject({ type: 'contact_card', body: 'Max Muster' });
    expect(byWa.get('revoked')?.type).toBe('system');
    expect(byWa.get('call_log')?.type).toBe('system');
    expect(byWa.get('poll_creation')?.type).toBe('unknown');
    expect(byWa.get('some_future_type')?.type).toBe('unknown');
    for (const ignored of ['protocol', 'e2e_notification', 'notification', 'notification_template', 'gp2', 'ciphertext']) {
      expect(byWa.has(ignored)).toBe(false);
    }
    expect(env.committed.some((m) => m.body === 'Gruppe' || m.body === 'Status')).toBe(false);
  });

  it('restarts on demand (planned restart) and loses nothing that arrived in between', async () => {
    const env = setup();
    await connect(env);
    const t0 = now() - 20;
    const restarting = env.ch.restart('weekly');
    env.world.store(raw({ id: 'W1', chat: CUSTOMER, body: 'waehrend des Neustarts', t: t0 }));
    await restarting;
    await waitFor(() => env.world.clients.length === 2 && env.world.current.initCalls === 1, 'new client');
    env.world.current.link();
    await waitFor(() => env.committed.length === 1, 'W1 by catch-up');
    expect(env.world.clients[0]?.destroyed).toBe(1);
  });

  it('backs off exponentially while the client fails to start', async () => {
    const world = new FakeWhatsApp();
    let n = 0;
    const inner = world.factory;
    world.factory = () => {
      const c = inner() as ReturnType<typeof inner> & { failInit?: Error };
      if (n++ < 3) c.failInit = new Error('Failed to launch the browser process');
      return c;
    };
    const env = setup(tempDir(), world);
    await env.ch.start();
    await waitFor(() => world.clients.length === 4, 'fourth attempt');
    const retries = env.states.filter((s) => s.state === 'disconnected').map((s) => (s.state === 'disconnected' ? s.retryInMs : 0));
    expect(retries).toEqual([10, 20, 40]);
    world.current.link();
    await waitFor(() => env.ch.state().state === 'connected', 'connected');
  });

  it('offers a pairing code instead of the QR code', async () => {
    const env = setup();
    await env.ch.start();
    await waitFor(() => env.world.clients.length === 1 && env.world.current.initCalls === 1, 'client');
    env.world.current.emit('qr', 'qr-data');
    await expect(env.ch.requestPairingCode('abc')).rejects.toThrow(/6 to 15 digits/);
    await expect(env.ch.requestPairingCode('+49 151 12345678')).resolves.toBe('ABCD1234');
    expect(env.ch.state()).toEqual({ state: 'pairing_code', code: 'ABCD1234' });
  });

  it('reports a clear failure when no browser is found (real client path)', async () => {
    const dir = tempDir();
    const states: ChannelState[] = [];
    const ch = new WhatsAppChannel({
      dataDir: dir,
      executablePath: join(dir, 'no-such-chrome'),
      logger: silentLogger,
      clock,
      pacing: new Pacer({ perSecond: 1, perMinute: 10, announcementsPerMinute: 1 }, clock),
    });
    ch.setHandlers({ state: (s) => states.push(s) });
    await ch.start();
    await waitFor(() => ch.state().state === 'failed', 'failed');
    const s = ch.state();
    expect(s.state === 'failed' && s.reason).toMatch(/no-such-chrome/);
    expect(s.state === 'failed' && s.reason).toMatch(/Einstellungen/);
    await ch.stop();
    expect(ch.state().state).toBe('failed');
  });

  describe('what the real library does that a kind fake would not', () => {
    it('replaces a client whose sync never reaches ready, and connects with the next one', async () => {
      const env = setup(tempDir(), new FakeWhatsApp(), { timeouts: { sendMs: 150, callMs: 500, readyMs: 100 } });
      await env.ch.start();
      await waitFor(() => env.world.clients.length === 1 && env.world.current.initCalls > 0, 'client');
      env.world.current.stall(42);
      expect(env.ch.state()).toEqual({ state: 'syncing', percent: 42 });
      await waitFor(() => env.world.clients.length === 2, 'a new client after the ready deadline', 3000);
      expect(env.world.clients[0]?.destroyed).toBe(1);
      await waitFor(() => env.world.current.initCalls > 0, 'second client initialized');
      env.world.current.link();
      await waitFor(() => env.ch.state().state === 'connected', 'connected');
    });

    it('also covers a client that loaded but never reported any progress', async () => {
      const env = setup(tempDir(), new FakeWhatsApp(), { timeouts: { sendMs: 150, callMs: 500, readyMs: 100 } });
      await env.ch.start();
      await waitFor(() => env.world.clients.length === 2, 'a new client after the ready deadline', 3000);
    });

    it('an unlinked phone: initialize resolves with the QR code already shown, which outlives the ready deadline; the scan connects', async () => {
      const world = new FakeWhatsApp();
      world.linked = false;
      const env = setup(tempDir(), world, { timeouts: { sendMs: 150, callMs: 500, readyMs: 50 } });
      await env.ch.start();
      await waitFor(() => env.world.clients.length === 1 && env.world.current.initCalls > 0, 'client');
      await waitFor(() => env.ch.state().state === 'qr', 'the first QR code');
      await new Promise((r) => setTimeout(r, 200));
      expect(env.world.clients).toHaveLength(1);
      expect(env.ch.state()).toEqual({ state: 'qr', qr: 'qr-1' });
      env.world.current.link();
      await waitFor(() => env.ch.state().state === 'connected', 'connected after the scan');
    });

    it('does not time out a client that waits for the QR code to be scanned', async () => {
      const env = setup(tempDir(), new FakeWhatsApp(), { timeouts: { sendMs: 150, callMs: 500, readyMs: 50 } });
      await env.ch.start();
      await waitFor(() => env.world.clients.length === 1 && env.world.current.initCalls > 0, 'client');
      env.world.current.emit('qr', 'qr-1');
      await new Promise((r) => setTimeout(r, 200));
      expect(env.world.clients).toHaveLength(1);
      expect(env.ch.state()).toEqual({ state: 'qr', qr: 'qr-1' });
    });

    it('reports "not connected" as ChannelOfflineError, which the outbox does not count as a try', async () => {
      const env = setup();
      await expect(env.ch.send({ idempotencyKey: 'o', to: { chatId: CUSTOMER }, type: 'text', body: 'x' })).rejects.toBeInstanceOf(ChannelOfflineError);
    });

    it('fails a send to a number that is not on WhatsApp at once, without a retry that would look into a missing chat', async () => {
      const env = setup();
      await connect(env);
      const nobody = '4915100000000@c.us';
      env.world.notOnWhatsApp.add(nobody);
      const msg = { idempotencyKey: 'nobody', to: { chatId: nobody }, type: 'text' as const, body: 'Hallo' };
      await expect(env.ch.send(msg)).rejects.toBeInstanceOf(PermanentChannelError);
      // An unfinished earlier try makes the retry look into the chat first: a missing chat is no crash.
      await expect(env.ch.send(msg)).rejects.toBeInstanceOf(PermanentChannelError);
      expect(env.world.sent).toHaveLength(0);
    });

    it('a send that timed out but went out is stored once: no "typed on the phone" copy, and the retry returns its id', async () => {
      const env = setup();
      await connect(env);
      env.world.slowSendMs = 400; // longer than sendMs (150)
      const msg = { idempotencyKey: 'slow', to: { chatId: CUSTOMER }, type: 'text' as const, body: 'Ihre Brille ist fertig' };
      await expect(env.ch.send(msg)).rejects.toBeInstanceOf(TransientChannelError);
      await waitFor(() => env.world.sent.length === 1, 'the send went out after all');
      await env.ch.whenIdle();
      expect(env.committed).toHaveLength(0);
      const again = await env.ch.send(msg);
      expect(again.externalId).toMatch(/_OUT1$/);
      expect(env.world.sent).toHaveLength(1);
    });

    it('does not let an undecryptable message pin the checkpoint or re-run catch-up; it arrives once decrypted', async () => {
      const env = setup(tempDir(), new FakeWhatsApp(), { inboundRetryMs: 20 });
      await connect(env);
      const client = env.world.current;
      let chatsAsked = 0;
      const getChats = client.getChats.bind(client);
      client.getChats = async () => (chatsAsked++, getChats());
      const t = now();
      client.receive(raw({ id: 'C1', chat: CUSTOMER, type: 'ciphertext', t }));
      client.receive(raw({ id: 'N1', chat: CUSTOMER, body: 'danach', t: t + 1 }));
      await env.ch.whenIdle();
      await new Promise((r) => setTimeout(r, 120));
      expect(chatsAsked).toBe(0);
      expect(env.sync.getCheckpoint()).toBe(t + 1);
      // The library re-emits it as a new message once decrypted.
      client.emitLive(raw({ id: 'C1', chat: CUSTOMER, body: 'entschlüsselt', t }));
      await env.ch.whenIdle();
      expect(ids(env.committed)).toEqual([`false_${CUSTOMER}_N1`, `false_${CUSTOMER}_C1`]);
    });

    it('catch-up finds a message stamped before the checkpoint that reached the phone while Tresen was closed', async () => {
      const dir = tempDir();
      const world = new FakeWhatsApp();
      const first = setup(dir, world);
      await connect(first);
      const t = now();
      world.current.receive(raw({ id: 'A', chat: CUSTOMER, body: 'erste', t }));
      await first.ch.whenIdle();
      await first.ch.stop();
      open.splice(open.findIndex((o) => o.ch === first.ch), 1);
      first.db.close();
      // Sent by a phone that was offline: stamped two minutes before the checkpoint, delivered now.
      world.store(raw({ id: 'LATE', chat: '4917000000001@c.us', body: 'spät zugestellt', t: t - 120 }));
      // As in the app: what the store already has is known.
      const second = setup(dir, world, { isKnown: (id) => first.committed.some((m) => m.externalId === id) });
      await connect(second);
      await second.ch.whenIdle();
      expect(ids(second.committed)).toEqual(['false_4917000000001@c.us_LATE']);
    });

    it('a TOS block shows failed, does not relaunch and removes the session', async () => {
      const env = setup();
      const folder = sessionFolder(env.dir, 'tresen');
      mkdirSync(folder, { recursive: true });
      await connect(env);
      env.world.current.emit('change_state', 'TOS_BLOCK');
      // The library then disconnects by itself.
      env.world.current.emit('disconnected', 'TOS_BLOCK');
      await waitFor(() => !existsSync(folder), 'session removed');
      await new Promise((r) => setTimeout(r, 100));
      expect(env.ch.state()).toMatchObject({ state: 'failed' });
      expect(env.world.clients).toHaveLength(1);
    });

    it('UNPAIRED (unlinked on the phone) counts as logged out', async () => {
      const env = setup();
      const folder = sessionFolder(env.dir, 'tresen');
      mkdirSync(folder, { recursive: true });
      await connect(env);
      env.world.current.emit('disconnected', 'UNPAIRED');
      await waitFor(() => env.ch.state().state === 'logged_out', 'logged_out');
      expect(existsSync(folder)).toBe(false);
      await new Promise((r) => setTimeout(r, 60));
      expect(env.world.clients).toHaveLength(1);
    });

    it('keeps a pairing code on screen when the library emits QR codes underneath', async () => {
      const env = setup();
      await env.ch.start();
      await waitFor(() => env.world.clients.length === 1 && env.world.current.initCalls > 0, 'client');
      env.world.current.emit('qr', 'qr-1');
      const code = await env.ch.requestPairingCode('+49 151 12345678');
      env.world.current.emit('qr', 'qr-2');
      expect(env.ch.state()).toEqual({ state: 'pairing_code', code });
    });

    it('shows a fresh QR code from a new client when the old one stopped rotating', async () => {
      const env = setup(tempDir(), new FakeWhatsApp(), { qrStaleMs: 50 });
      await env.ch.start();
      await waitFor(() => env.world.clients.length === 1 && env.world.current.initCalls > 0, 'client');
      env.world.current.emit('qr', 'qr-old');
      await waitFor(() => env.world.clients.length === 2, 'a new client for a fresh QR');
      await waitFor(() => env.world.current.initCalls > 0, 'initialized');
      env.world.current.emit('qr', 'qr-new');
      expect(env.ch.state()).toEqual({ state: 'qr', qr: 'qr-new' });
    });

    it('hands an ack over at once while another send still waits for pacing', async () => {
      const dir = tempDir();
      const world = new FakeWhatsApp();
      // One send per minute: the second send waits in pacing for the rest of the test.
      const env = setup(dir, world, { pacing: new Pacer({ perSecond: 1, perMinute: 1, announcementsPerMinute: 1 }, clock) });
      await connect(env);
      const first = await env.ch.send({ idempotencyKey: 'p1', to: { chatId: CUSTOMER }, type: 'text', body: 'eins' });
      const waiting = env.ch.send({ idempotencyKey: 'p2', to: { chatId: CUSTOMER }, type: 'text', body: 'zwei' });
      waiting.catch(() => undefined);
      const sent = await world.current.getMessageById(first.externalId);
      world.current.emit('message_ack', sent, 3);
      await waitFor(() => env.acks.some((a) => a.externalId === first.externalId && a.state === 'read'), 'ack while a send waits for pacing');
    });

    it('lets one page call last as long as the longest own deadline (a media download)', () => {
      const env = setup(tempDir(), new FakeWhatsApp(), { clientFactory: undefined, executablePath: '/usr/bin/chromium', timeouts: { downloadMs: 120_000 } });
      const client = (env.ch as unknown as { sup: { makeClient: (g: number) => { options: { puppeteer: { protocolTimeout: number } } } } }).sup.makeClient(1);
      expect(client.options.puppeteer.protocolTimeout).toBeGreaterThan(120_000);
    });

    it('asks for the phone of an unknown @lid once, not for every message (each miss costs call deadlines)', async () => {
      const env = setup();
      await connect(env);
      const client = env.world.current;
      let asked = 0;
      client.getContactLidAndPhone = async () => (asked++, [{}]);
      client.getContactById = async () => ({ number: null });
      const lid = '123456789012345@lid';
      client.receive(raw({ id: 'L1', chat: lid, body: 'eins', t: now() }));
      client.receive(raw({ id: 'L2', chat: lid, body: 'zwei', t: now() }));
      await env.ch.whenIdle();
      expect(env.committed).toHaveLength(2);
      expect(asked).toBe(1);
    });
  });
});
