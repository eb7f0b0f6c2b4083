import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import { TransientChannelError, type Channel, type ChannelEvents, type ChannelState } from '../../../main/core/channel';
import { silentLogger, useTempDirs } from '../../helpers/temp-dir';

/** A pairing code WhatsApp does not hand out reaches staff as a reason they can act on, not as an internal error. */

const tempDir = useTempDirs();
const open: CreatedApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

function lineWithPairing(requestPairingCode: (digits: string) => Promise<string>): Channel {
  let handlers: Partial<ChannelEvents> = {};
  let state: ChannelState = { state: 'qr', qr: '2@ref' };
  return {
    kind: 'whatsapp',
    async start() {
      handlers.state?.(state);
    },
    async stop() {
      state = { state: 'disconnected', reason: 'stopped' };
    },
    state: () => state,
    send: async () => ({ externalId: 'x' }),
    setHandlers(h) {
      handlers = { ...handlers, ...h };
    },
    linking: { requestPairingCode, unlink: async () => {} },
  };
}

describe('line.pairingCode when WhatsApp gives no code', () => {
  it('answers unavailable with the line\'s reason', async () => {
    const reason = 'WhatsApp gave no pairing code (no answer after 30 s); scan the QR code or ask again later';
    const app = await createApp({
      dataDir: tempDir(),
      demo: false,
      logger: silentLogger,
      channel: lineWithPairing(async () => {
        throw new TransientChannelError(reason);
      }),
    });
    open.push(app);
    expect(await app.dispatch('line.pairingCode', { phone: '+4915112345678' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: reason, reason: 'pairing_failed' },
    });
  });

  it('other failures stay internal errors', async () => {
    const app = await createApp({
      dataDir: tempDir(),
      demo: false,
      logger: silentLogger,
      channel: lineWithPairing(async () => {
        throw new Error('boom');
      }),
    });
    open.push(app);
    expect(await app.dispatch('line.pairingCode', { phone: '+4915112345678' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
