import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelOfflineError } from '../../../main/core/channel';
import { SqliteSyncStore } from '../../../main/channels/whatsapp/sync-store';
import { WhatsAppChannel } from '../../../main/channels/whatsapp/whatsapp-channel';
import { Pacer } from '../../../main/core/pacing';
import { migration003 } from '../../../main/store/migrations/003_whatsapp';
import { useTempDirs } from '../../helpers/temp-dir';
import { FakeWhatsApp, raw, silentLogger, waitFor } from '../../fakes/whatsapp-client';

const tempDir = useTempDirs();
const CUSTOMER = '4915112345678@c.us';
const LID = '98765432109876@lid';
const OTHER = '4917600000000@c.us';
const clock = { now: () => Date.now() };

const open: { ch: WhatsAppChannel; db: Database.Database }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.ch.stop();
    o.db.close();
  }
});

function setup() {
  const dir = tempDir();
  const db = new Database(join(dir, 'tresen.sqlite3'));
  migration003.up(db);
  const world = new FakeWhatsApp();
  const ch = new WhatsAppChannel({
    dataDir: dir,
    clientFactory: world.factory,
    logger: silentLogger,
    clock,
    pacing: new Pacer({ perSecond: 1000, perMinute: 100_000, announcementsPerMinute: 1000 }, clock),
    syncStore: new SqliteSyncStore(db),
    backoff: { initialMs: 10, maxMs: 40 },
    watchdogMs: 0,
    plannedRestartMs: 0,
    inboundRetryMs: 0,
    mediaRetry: { intervalMs: 0, baseDelayMs: 0, maxAttempts: 3 },
    timeouts: { sendMs: 150, callMs: 500 },
  });
  ch.setHandlers({ message: async () => undefined });
  open.push({ ch, db });
  return { world, ch };
}

describe('WhatsAppChannel.deleteChat (erasure and retention)', () => {
  it('deletes every chat of the person on the linked phone (number and @lid), and no one else\'s', async () => {
    const { world, ch } = setup();
    await ch.start();
    await waitFor(() => world.clients.length > 0 && world.current.initCalls > 0, 'client initialized');
    world.current.link();
    await waitFor(() => ch.state().state === 'connected', 'connected');
    const t = Math.floor(Date.now() / 1000);
    world.store(raw({ id: 'A1', chat: CUSTOMER, body: 'Hallo', t }));
    world.store(raw({ id: 'A2', chat: LID, body: 'Hallo vom lid', t }));
    world.store(raw({ id: 'B1', chat: OTHER, body: 'Andere', t }));

    await expect(ch.deleteChat({ phone: '+4915112345678', knownChatIds: [LID] })).resolves.toBe(true);
    expect(world.chats.has(CUSTOMER)).toBe(false);
    expect(world.chats.has(LID)).toBe(false);
    expect(world.chats.has(OTHER)).toBe(true);
    // Nothing left: false, not an error.
    await expect(ch.deleteChat({ phone: '+4915112345678' })).resolves.toBe(false);
  });

  it('refuses while the line is not connected (the erasure then tells staff to delete it by hand)', async () => {
    const { ch } = setup();
    await expect(ch.deleteChat({ phone: '+4915112345678' })).rejects.toBeInstanceOf(ChannelOfflineError);
  });
});
