import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChannelOfflineError, PermanentChannelError, TransientChannelError, type AckEvent, type ChannelState, type InboundMessage } from '../../../main/core/channel';
import { sessionFolder } from '../../../main/channels/whatsapp/client-options';
import { MemorySyncStore } from '../../../main/channels/whatsapp/sync-store';
import { WhatsAppChannel } from '../../../main/channels/whatsapp/whatsapp-channel';
import { Pacer } from '../../../main/core/pacing';
import { useTempDirs } from '../../helpers/temp-dir';
import { StandIn, chromiumProcessesUnder } from '../../helpers/wa-standin/server';
import { silentLogger, waitFor } from '../../fakes/whatsapp-client';

/**
 * The real whatsapp-web.js 1.34.7 in Debian's Chromium, against the stand-in
 * WhatsApp Web page (test/helpers/wa-standin). Slower than the fake-client
 * tests, so each test covers one real-world story end to end.
 */

// A real browser under a loaded machine: generous per-test limits; the deadlines inside are the channel's own.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CUSTOMER = '4915112345678@c.us';
const OTHER = '4917000000002@c.us';
const THIRD = '4917000000003@c.us';
let recoveryMs: number | undefined;
let lostAcrossRestart: number | undefined;
const clock = { now: () => Date.now() };
const now = () => Math.floor(Date.now() / 1000);
const tempDir = useTempDirs();

let standIn: StandIn;
beforeAll(async () => {
  standIn = await StandIn.start();
});
afterAll(async () => {
  await standIn.close();
  // Figures for the docs: how long a stuck sync takes to recover, how many messages a restart lost.
  console.info('whatsapp real-library figures', { recoveryMs, lostAcrossRestart });
});

const dirs: string[] = [];
const open: WhatsAppChannel[] = [];
afterEach(async () => {
  for (const ch of open.splice(0)) await ch.stop();
  // No Chromium this test started may outlive it (helpers of a closed browser get a moment to exit).
  for (const d of dirs.splice(0)) {
    for (let i = 0; i < 30 && chromiumProcessesUnder(d).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(chromiumProcessesUnder(d), `Chromium left running for ${d}`).toEqual([]);
  }
});

function setup(dir = tempDir(), sync = new MemorySyncStore(), timeouts: { readyMs?: number; pairingMs?: number } = {}, isKnown?: (id: string) => boolean, batches = false) {
  dirs.push(dir);
  const committed: InboundMessage[] = [];
  const batchSizes: number[] = [];
  const readOnPhone: { chatId: string; phone?: string }[] = [];
  const states: ChannelState[] = [];
  const acks: AckEvent[] = [];
  const ch = new WhatsAppChannel({
    dataDir: dir,
    executablePath: CHROMIUM,
    realClient: { extraArgs: standIn.chromeArgs, authTimeoutMs: 10_000, protocolTimeoutMs: 20_000 },
    logger: process.env['DEBUG_WA'] ? { info: console.info, warn: console.warn, error: console.error } : silentLogger,
    clock,
    pacing: new Pacer({ perSecond: 1000, perMinute: 100_000, announcementsPerMinute: 1000 }, clock),
    syncStore: sync,
    backoff: { initialMs: 200, maxMs: 1000 },
    watchdogMs: 0,
    plannedRestartMs: 0,
    inboundRetryMs: 0,
    mediaRetry: { intervalMs: 0, baseDelayMs: 0, maxAttempts: 3 },
    timeouts: { destroyMs: 5_000, callMs: 10_000, ...timeouts },
    ...(isKnown ? { isKnown } : {}),
  });
  ch.setHandlers({
    message: async (m) => {
      committed.push(m);
    },
    state: (s) => states.push(s),
    ack: (a) => acks.push(a),
    readElsewhere: (chat) => {
      readOnPhone.push(chat);
    },
    ...(batches
      ? {
          messages: async (batch: InboundMessage[]) => {
            batchSizes.push(batch.length);
            committed.push(...batch);
            return batch.map(() => true);
          },
        }
      : {}),
  });
  open.push(ch);
  return { dir, ch, sync, committed, states, acks, batchSizes, readOnPhone };
}

describe('the real whatsapp-web.js against the stand-in WhatsApp Web', () => {
  it('one linked session: QR, scan, ready, inbound, reply and acks, ciphertext, a number not on WhatsApp, offline and back', async () => {
    standIn.world.notOnWhatsApp.push('4915100000000@c.us');
    const env = setup();
    await env.ch.start();
    await waitFor(() => env.ch.state().state === 'qr', 'QR', 30_000);
    standIn.command('scan');
    await waitFor(() => env.ch.state().state === 'connected', 'connected', 30_000);
    expect(env.states.map((s) => s.state)).toContain('syncing');

    standIn.arrive({ id: 'IN1', chat: CUSTOMER, body: 'Haben Sie Milch?', t: now(), notifyName: 'Kundin' });
    await waitFor(() => env.committed.length === 1, 'inbound', 15_000);
    expect(env.committed[0]).toMatchObject({ externalId: `false_${CUSTOMER}_IN1`, body: 'Haben Sie Milch?', from: { phone: '+4915112345678', pushName: 'Kundin' } });

    const { externalId } = await env.ch.send({ idempotencyKey: 'k1', to: { chatId: CUSTOMER }, type: 'text', body: 'Ja, frisch.' });
    expect(externalId).toMatch(/^true_4915112345678@c\.us_/);
    await standIn.waitForEvent((e) => e.kind === 'sent' && e.data['body'] === 'Ja, frisch.', 'the reply on the phone');
    standIn.command('ack', { id: externalId, ack: 3 });
    await waitFor(() => env.acks.some((a) => a.externalId === externalId && a.state === 'read'), 'read ack', 15_000);

    // An undecryptable message arrives once WhatsApp decrypts it.
    standIn.arrive({ id: 'CT1', chat: CUSTOMER, type: 'ciphertext', t: now() });
    standIn.arrive({ id: 'N2', chat: CUSTOMER, body: 'danach', t: now() });
    await waitFor(() => env.committed.length === 2, 'the readable one', 15_000);
    standIn.command('decrypt', { id: `false_${CUSTOMER}_CT1`, body: 'jetzt lesbar' });
    await waitFor(() => env.committed.length === 3, 'decrypted', 15_000);
    expect(env.committed[2]).toMatchObject({ externalId: `false_${CUSTOMER}_CT1`, body: 'jetzt lesbar' });

    // A number that is not on WhatsApp fails at once.
    await expect(env.ch.send({ idempotencyKey: 'n1', to: { chatId: '4915100000000@c.us' }, type: 'text', body: 'Hallo' })).rejects.toBeInstanceOf(PermanentChannelError);

    // Offline, then online: a send meanwhile is refused as offline, messages meanwhile arrive by catch-up.
    standIn.command('state', { state: 'TIMEOUT' });
    await waitFor(() => env.ch.state().state === 'disconnected', 'offline', 15_000);
    await expect(env.ch.send({ idempotencyKey: 'off', to: { chatId: CUSTOMER }, type: 'text', body: 'x' })).rejects.toBeInstanceOf(ChannelOfflineError);
    standIn.arriveQuietly({ id: 'OFF1', chat: CUSTOMER, body: 'während offline', t: now() });
    standIn.command('state', { state: 'CONNECTED' });
    await waitFor(() => env.committed.some((m) => m.externalId === `false_${CUSTOMER}_OFF1`), 'caught up', 15_000);
    await env.ch.send({ idempotencyKey: 'on', to: { chatId: CUSTOMER }, type: 'text', body: 'wieder da' });
  });
});

async function link(env: ReturnType<typeof setup>): Promise<void> {
  await env.ch.start();
  await waitFor(() => env.ch.state().state === 'qr', 'QR', 30_000);
  standIn.command('scan');
  await waitFor(() => env.ch.state().state === 'connected', 'connected', 30_000);
  await env.ch.whenIdle();
}

describe('the real library in the situations a shop meets', () => {
  afterEach(() => standIn.reset());

  it('a sync that never finishes is replaced by a new client, which connects', async () => {
    standIn.world.ready = 'never';
    const env = setup(tempDir(), new MemorySyncStore(), { readyMs: 3_000 });
    await env.ch.start();
    await waitFor(() => env.ch.state().state === 'qr', 'QR', 30_000);
    standIn.command('scan');
    await waitFor(() => env.ch.state().state === 'syncing' && (env.ch.state() as { percent: number }).percent === 42, 'stuck at 42 %', 30_000);
    const stuckAt = Date.now();
    await waitFor(() => env.ch.state().state === 'disconnected', 'replaced after the ready deadline', 30_000);
    standIn.world.ready = 'normal'; // the next load works
    await waitFor(() => env.ch.state().state === 'connected', 'connected again', 30_000);
    recoveryMs = Date.now() - stuckAt;
  });

  it('stopping while the browser is still launching leaves no Chromium behind', async () => {
    const env = setup();
    await env.ch.start();
    await waitFor(() => chromiumProcessesUnder(env.dir).length > 0, 'Chromium started', 30_000);
    await env.ch.stop();
    // afterEach checks that none is left
  });

  it('a Chromium left over from a crashed run is ended and the line starts', async () => {
    const env = setup();
    const profile = sessionFolder(env.dir, 'tresen');
    mkdirSync(profile, { recursive: true });
    const orphan = spawn(CHROMIUM, ['--headless=new', `--user-data-dir=${profile}`, '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), 'about:blank'], {
      detached: true,
      stdio: 'ignore',
    });
    orphan.unref();
    // The lock is a symlink to "host-pid": lstat, as it points nowhere on disk.
    await waitFor(() => lstatSync(join(profile, 'SingletonLock'), { throwIfNoEntry: false }) !== undefined, 'orphan holds the profile', 15_000);
    await env.ch.start();
    await waitFor(() => env.ch.state().state === 'qr', 'QR despite the orphan', 30_000);
    expect(chromiumProcessesUnder(env.dir)).not.toContain(orphan.pid);
  });

  it('across a restart nothing is lost: messages sent while closed, one stamped before the checkpoint', async () => {
    const dir = tempDir();
    const sync = new MemorySyncStore();
    const first = setup(dir, sync);
    await link(first);
    const t = now();
    standIn.arrive({ id: 'R1', chat: CUSTOMER, body: 'vorher', t });
    await waitFor(() => first.committed.length === 1, 'first message', 15_000);
    await first.ch.stop();
    open.splice(open.indexOf(first.ch), 1);
    const stored = new Set(first.committed.map((m) => m.externalId));
    // While Tresen is closed: a busy chat (more than the page loads at once), another customer, and
    // a message stamped two minutes before the checkpoint by a phone that was offline.
    for (let i = 0; i < 12; i++) standIn.onPhone({ id: `B${i}`, chat: CUSTOMER, body: `zu ${i}`, t: t + 1 + i });
    standIn.onPhone({ id: 'O1', chat: OTHER, body: 'andere Kundin', t: t + 3 });
    standIn.onPhone({ id: 'LATE', chat: THIRD, body: 'spät', t: t - 120 });
    const second = setup(dir, sync, {}, (id) => stored.has(id));
    await second.ch.start();
    await waitFor(() => second.ch.state().state === 'connected', `restored without QR (${JSON.stringify(second.states)})`, 30_000);
    await waitFor(() => second.committed.length >= 14, 'catch-up', 15_000);
    await second.ch.whenIdle();
    const got = new Set(second.committed.map((m) => m.externalId));
    const expected = [...Array.from({ length: 12 }, (_, i) => `false_${CUSTOMER}_B${i}`), `false_${OTHER}_O1`, `false_${THIRD}_LATE`];
    lostAcrossRestart = expected.filter((id) => !got.has(id)).length;
    expect(lostAcrossRestart).toBe(0);
    expect(got.has(`false_${CUSTOMER}_R1`)).toBe(false);
  });




  it('read state both ways: read in Tresen marks the chat seen on the phone; read on the phone reaches Tresen', async () => {
    const env = setup();
    await link(env);
    standIn.arrive({ id: 'RS1', chat: CUSTOMER, body: 'Hallo?', t: now() });
    await waitFor(() => env.committed.length === 1, 'inbound', 15_000);
    // A count going up (the new message) is not "read".
    expect(env.readOnPhone).toEqual([]);

    // Staff read it in Tresen: the phone's chat is marked seen (read ticks for the customer).
    await expect(env.ch.readState.markSeen({ phone: '+4915112345678', knownChatIds: [CUSTOMER] })).resolves.toBe(true);
    await standIn.waitForEvent((e) => e.kind === 'seen' && e.data['chat'] === CUSTOMER, 'sendSeen on the phone');
    // A person who never wrote: nothing to mark, and no empty chat is created on the phone.
    await expect(env.ch.readState.markSeen({ phone: '+4917099999999' })).resolves.toBe(false);
    expect(standIn.events.filter((e) => e.kind === 'seen')).toHaveLength(1);

    // The shop reads another customer's chat on the phone: Tresen hears of it, with the phone number.
    standIn.arrive({ id: 'RS2', chat: OTHER, body: 'Guten Tag', t: now() });
    await waitFor(() => env.committed.length === 2, 'second inbound', 15_000);
    standIn.readOnPhone(OTHER);
    await waitFor(() => env.readOnPhone.some((r) => r.chatId === OTHER), 'read on the phone', 15_000);
    expect(env.readOnPhone.find((r) => r.chatId === OTHER)).toEqual({ chatId: OTHER, phone: '+4917000000002' });
  });

  it('read state needs a connected line', async () => {
    const env = setup();
    await env.ch.start();
    await waitFor(() => env.ch.state().state === 'qr', 'QR', 30_000);
    await expect(env.ch.readState.markSeen({ phone: '+4915112345678', knownChatIds: [CUSTOMER] })).rejects.toBeInstanceOf(ChannelOfflineError);
  });

  it('a customer\'s reply with quote is stored with the quoted message\'s id, for the shop\'s message and the customer\'s own', async () => {
    const env = setup();
    await link(env);
    const { externalId: ours } = await env.ch.send({ idempotencyKey: 'q-ours', to: { chatId: CUSTOMER }, type: 'text', body: 'Ihr Rad ist fertig.' });
    await standIn.waitForEvent((e) => e.kind === 'sent' && e.data['id'] === ours, 'the shop message on the phone');
    standIn.arrive({ id: 'QA', chat: CUSTOMER, body: 'Welche Farbe?', t: now() });
    await waitFor(() => env.committed.length === 1, 'first', 15_000);
    const oursStanza = ours.split('_')[2] as string;
    standIn.arrive({ id: 'QB', chat: CUSTOMER, body: 'Super, ich komme heute', t: now(), quote: { id: oursStanza, fromMe: true } });
    standIn.arrive({ id: 'QC', chat: CUSTOMER, body: 'Rot, bitte', t: now(), quote: { id: 'QA' } });
    standIn.arrive({ id: 'QD', chat: CUSTOMER, body: 'ohne Zitat', t: now() });
    await waitFor(() => env.committed.length === 4, 'replies', 15_000);
    const byId = new Map(env.committed.map((m) => [m.externalId, m]));
    expect(byId.get(`false_${CUSTOMER}_QB`)?.quotedExternalId).toBe(ours);
    expect(byId.get(`false_${CUSTOMER}_QC`)?.quotedExternalId).toBe(`false_${CUSTOMER}_QA`);
    expect(byId.get(`false_${CUSTOMER}_QD`)?.quotedExternalId).toBeUndefined();
  });

  it('a catch-up of 1,200 messages in three chats reaches core complete, in order, in batches of at most 500', async () => {
    const dir = tempDir();
    const sync = new MemorySyncStore();
    const first = setup(dir, sync);
    await link(first);
    const t0 = now();
    standIn.arrive({ id: 'C0', chat: CUSTOMER, body: 'vorher', t: t0 });
    await waitFor(() => first.committed.length === 1, 'first message', 15_000);
    await first.ch.stop();
    open.splice(open.indexOf(first.ch), 1);
    const chats = [CUSTOMER, OTHER, THIRD];
    const expected: string[] = [];
    for (let i = 0; i < 1_200; i++) {
      const chat = chats[i % 3] as string;
      const id = `K${String(i).padStart(4, '0')}`;
      standIn.onPhone({ id, chat, body: `Nachricht ${i}`, t: t0 + 1 + i });
      expected.push(`false_${chat}_${id}`);
    }
    const second = setup(dir, sync, {}, (id) => id === `false_${CUSTOMER}_C0`, true);
    await second.ch.start();
    await waitFor(() => second.ch.state().state === 'connected', 'restored', 30_000);
    await waitFor(() => second.committed.length >= 1_200, `catch-up (${second.committed.length})`, 60_000);
    await second.ch.whenIdle();
    expect(second.committed.map((m) => m.externalId)).toEqual(expected);
    expect(second.batchSizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...second.batchSizes)).toBeLessThanOrEqual(500);
    expect(second.batchSizes.reduce((a, b) => a + b, 0)).toBe(1_200);
    expect(sync.getCheckpoint()).toBe(t0 + 1_200);
  });

  it('a voice note and a video from a customer arrive with their bytes and types', async () => {
    const env = setup();
    await link(env);
    const voice = Buffer.from('OggS voice note bytes '.repeat(100));
    const video = Buffer.alloc(300_000, 7);
    standIn.arrive({ id: 'MV1', chat: CUSTOMER, type: 'ptt', t: now(), media: { mimetype: 'audio/ogg; codecs=opus', data: voice, seconds: 1 } });
    standIn.arrive({ id: 'MV2', chat: CUSTOMER, type: 'video', body: 'So klingt es', t: now(), media: { mimetype: 'video/mp4', filename: 'geraeusch.mp4', data: video } });
    await waitFor(() => env.committed.length === 2, `both media messages (${env.committed.length})`, 30_000);
    const [a, v] = env.committed;
    expect(a).toMatchObject({ type: 'voice', media: { claimedMime: 'audio/ogg; codecs=opus' } });
    expect(a?.media?.data.equals(voice)).toBe(true);
    expect(v).toMatchObject({ type: 'video', body: 'So klingt es', media: { claimedMime: 'video/mp4', fileName: 'geraeusch.mp4' } });
    expect(v?.media?.data.equals(video)).toBe(true);

    // An empty download is no file: the message is kept, its media fetched again later.
    standIn.arrive({ id: 'MV3', chat: CUSTOMER, type: 'video', t: now(), media: { mimetype: 'video/mp4', data: Buffer.alloc(0) } });
    await waitFor(() => env.committed.length === 3, 'the third', 30_000);
    expect(env.committed[2]?.media).toBeUndefined();
    expect(env.committed[2]?.extra?.['mediaPending']).toBe(true);
    expect(env.sync.media.has(`false_${CUSTOMER}_MV3`)).toBe(true);
  });

  it('a pairing code that never comes fails in time with a clear reason; the QR still links', async () => {
    standIn.world.pairing = 'hang';
    const env = setup(tempDir(), new MemorySyncStore(), { pairingMs: 3_000 });
    await env.ch.start();
    await waitFor(() => env.ch.state().state === 'qr', 'QR', 30_000);
    const err = await env.ch.requestPairingCode('+49 151 12345678').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientChannelError);
    expect(String((err as Error).message)).toMatch(/no pairing code.*no answer after 3 s.*scan the QR code/);
    expect(env.ch.state().state).toBe('qr');
    standIn.command('scan');
    await waitFor(() => env.ch.state().state === 'connected', 'connected by QR', 30_000);
  });

  it('a pairing code on a client started in QR mode is shown, and later QR codes do not replace it', async () => {
    Object.assign(standIn.world, { qrRotateMs: 300, qrRotations: 100 });
    const env = setup();
    await env.ch.start();
    await waitFor(() => env.ch.state().state === 'qr', 'QR', 30_000);
    await expect(env.ch.requestPairingCode('+49 151 12345678')).resolves.toBe('K7QP2XWM');
    // The page reports the request with a fetch of its own, which may land after the code is back.
    const asked = await standIn.waitForEvent((e) => e.kind === 'pairing', 'pairing request on the page');
    expect(asked.data).toMatchObject({ phone: '4915112345678', type: 'ALT_DEVICE_LINKING' });
    const shownAt = standIn.events.filter((e) => e.kind === 'qr').length;
    // The page keeps rotating its QR code underneath.
    await standIn.waitForEvent(() => standIn.events.filter((e) => e.kind === 'qr').length >= shownAt + 3, 'QR rotations after the code');
    expect(env.ch.state()).toEqual({ state: 'pairing_code', code: 'K7QP2XWM' });
    expect(env.states.slice(env.states.findIndex((s) => s.state === 'pairing_code')).every((s) => s.state === 'pairing_code')).toBe(true);
    standIn.command('scan'); // the phone accepts the code
    await waitFor(() => env.ch.state().state === 'connected', 'connected by code', 30_000);
  });

  it('a TOS block shows failed for good, with no relaunch, and removes the session', async () => {
    const env = setup();
    await link(env);
    standIn.command('state', { state: 'TOS_BLOCK' });
    await waitFor(() => env.ch.state().state === 'failed', 'failed', 15_000);
    await waitFor(() => !existsSync(sessionFolder(env.dir, 'tresen')), 'session removed', 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(env.ch.state().state).toBe('failed');
    expect(env.states.filter((s) => s.state === 'starting')).toHaveLength(1);
  });

  it('unlinked on the phone (UNPAIRED) is logged out', async () => {
    const env = setup();
    await link(env);
    standIn.command('unpair');
    await waitFor(() => env.ch.state().state === 'logged_out', 'logged_out', 15_000);
    expect(existsSync(sessionFolder(env.dir, 'tresen'))).toBe(false);
  });

  it('LOGOUT from the phone is logged out', async () => {
    const env = setup();
    await link(env);
    standIn.command('logoutFromPhone');
    await waitFor(() => env.ch.state().state === 'logged_out', 'logged_out', 15_000);
    expect(existsSync(sessionFolder(env.dir, 'tresen'))).toBe(false);
  });
});
