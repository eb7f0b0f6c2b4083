import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { Channel, ChannelEvents, ChannelState, LinkingCapability } from '../../../main/core/channel';
import { silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CreatedApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

/** A line with none of the optional parts: only what every adapter must do. */
function bareChannel(extra: Partial<Channel> = {}): Channel {
  let state: ChannelState = { state: 'starting' };
  let handlers: Partial<ChannelEvents> = {};
  return {
    kind: 'whatsapp',
    async start() {
      state = { state: 'connected' };
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
    ...extra,
  };
}

async function start(channel: Channel): Promise<CreatedApp> {
  const app = await createApp({ dataDir: tempDir(), demo: false, logger: silentLogger, channel });
  open.push(app);
  return app;
}

describe('channel capabilities', () => {
  it('a line without the simulator or linking part answers those calls as unavailable', async () => {
    const app = await start(bareChannel());
    const sim = await app.dispatch('sim.customers', {});
    expect(sim).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'Der Simulator ist nur im Demo-Modus aktiv.' } });
    const send = await app.dispatch('sim.send', { phone: '+4915112345678', text: 'Hallo' });
    expect(send).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const code = await app.dispatch('line.pairingCode', { phone: '+4915112345678' });
    expect(code).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'Es ist keine WhatsApp-Leitung aktiv.' } });
    const unlink = await app.dispatch('line.unlink', {});
    expect(unlink).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('the line handlers use whatever linking part the channel offers', async () => {
    const asked: string[] = [];
    const linking: LinkingCapability = {
      requestPairingCode: async (digits) => {
        asked.push(digits);
        return 'ABCD-EFGH';
      },
      unlink: async () => {},
    };
    const app = await start(bareChannel({ linking }));
    expect(await app.dispatch('line.pairingCode', { phone: '0151 12345678' })).toEqual({ ok: true, value: { code: 'ABCD-EFGH' } });
    expect(asked).toEqual(['4915112345678']);
  });

  it('the demo line offers the simulator part and no linking part', async () => {
    const app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger });
    open.push(app);
    expect(app.channel.simulator).toBeDefined();
    expect(app.channel.linking).toBeUndefined();
    expect(await app.dispatch('sim.send', { phone: '+4915112345678', text: 'Hallo' })).toMatchObject({ ok: true });
    expect(await app.dispatch('line.pairingCode', { phone: '+4915112345678' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
