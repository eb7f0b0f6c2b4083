import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChannelOfflineError, PermanentChannelError, type AckEvent, type ChannelState, type InboundMessage } from '../../../main/core/channel';
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

function setup(dir = tempDir(), sync = new MemorySyncStore(), timeouts: { readyMs?: number } = {}, isKnown?: (id: string) => boolean) {
  dirs.push(dir);
  const committed: InboundMessage[] = [];
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
  });
  open.push(ch);
  return { dir, ch, sync, committed, states, acks };
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
