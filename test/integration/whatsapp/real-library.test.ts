import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AckEvent, ChannelState, InboundMessage } from '../../../main/core/channel';
import { MemorySyncStore } from '../../../main/channels/whatsapp/sync-store';
import { WhatsAppChannel } from '../../../main/channels/whatsapp/whatsapp-channel';
import { Pacer } from '../../../main/core/pacing';
import { useTempDirs } from '../../helpers/temp-dir';
import { StandIn, chromiumProcessesUnder } from '../../helpers/wa-standin/server';
import { silentLogger, waitFor } from '../../unit/whatsapp/fake-client';

/**
 * The real whatsapp-web.js 1.34.7 in Debian's Chromium, against the stand-in
 * WhatsApp Web page (test/helpers/wa-standin). Slower than the fake-client
 * tests, so each test covers one real-world story end to end.
 */

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CUSTOMER = '4915112345678@c.us';
const clock = { now: () => Date.now() };
const now = () => Math.floor(Date.now() / 1000);
const tempDir = useTempDirs();

let standIn: StandIn;
beforeAll(async () => {
  standIn = await StandIn.start();
});
afterAll(async () => {
  await standIn.close();
});

const dirs: string[] = [];
const open: WhatsAppChannel[] = [];
afterEach(async () => {
  for (const ch of open.splice(0)) await ch.stop();
  // No Chromium this test started may outlive it.
  for (const d of dirs.splice(0)) expect(chromiumProcessesUnder(d), `Chromium left running for ${d}`).toEqual([]);
});

function setup(dir = tempDir(), sync = new MemorySyncStore()) {
  dirs.push(dir);
  const committed: InboundMessage[] = [];
  const states: ChannelState[] = [];
  const acks: AckEvent[] = [];
  const ch = new WhatsAppChannel({
    dataDir: dir,
    executablePath: CHROMIUM,
    realClient: { extraArgs: standIn.chromeArgs, authTimeoutMs: 10_000, protocolTimeoutMs: 20_000 },
    logger: silentLogger,
    clock,
    pacing: new Pacer({ perSecond: 1000, perMinute: 100_000, announcementsPerMinute: 1000 }, clock),
    syncStore: sync,
    backoff: { initialMs: 200, maxMs: 1000 },
    watchdogMs: 0,
    plannedRestartMs: 0,
    inboundRetryMs: 0,
    mediaRetry: { intervalMs: 0, baseDelayMs: 0, maxAttempts: 3 },
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
  it('QR, scan, ready; a customer message arrives, a reply goes out and its acks come back', async () => {
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
    expect(standIn.sent().map((s) => s['body'])).toContain('Ja, frisch.');
    standIn.command('ack', { id: externalId, ack: 3 });
    await waitFor(() => env.acks.some((a) => a.externalId === externalId && a.state === 'read'), 'read ack', 15_000);
  });
});
