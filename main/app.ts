import { coreHandlers } from './api/handlers/core';
import { createDispatcher, type Handlers } from './api/router';
import type { ChannelStateView } from './api/contract';
import type { AppContext } from './app-context';
import { systemClock, type AppOptions, type Logger, type TresenApp } from './app-types';
import type { ChannelState } from './channels/channel';
import { SimulatorChannel } from './channels/simulator';
import type { ConsentHooks } from './core/consent-hooks';
import { EventBus } from './core/event-bus';
import { Messaging } from './core/messaging';
import { OutboxWorker } from './core/outbox-worker';
import { Store } from './store';

/** Logs as JSON lines on stderr (stdout's first line belongs to serve mode's ready line). */
export const stderrLogger: Logger = {
  info: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: 'info', msg, ...extra })}\n`),
  warn: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...extra })}\n`),
  error: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...extra })}\n`),
};

/** Until the consent rules are wired: nothing is held back and every send passes. */
const noConsentRules: ConsentHooks = {
  holdsInbound: () => false,
  afterInbound: () => {},
  gate: () => ({ allowed: true }),
};

export interface CreatedApp extends TresenApp {
  readonly context: AppContext;
}

/**
 * The composition root: opens the store, picks the channel, wires messaging,
 * consent and the outbox, and exposes one dispatcher for both transports.
 */
export async function createApp(opts: AppOptions): Promise<CreatedApp> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? stderrLogger;
  const store = Store.open(opts.dataDir, opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {});
  const bus = new EventBus();
  const channel = opts.channel ?? new SimulatorChannel(clock);
  const consent = noConsentRules;
  const messaging = new Messaging(store, bus, consent, clock, logger);
  const outbox = new OutboxWorker(store, channel, messaging, consent, clock, logger);
  messaging.onQueued = () => outbox.kick();

  const channelStateView = (s: ChannelState = channel.state()): ChannelStateView => ({ kind: channel.kind, ...s });
  const context: AppContext = {
    dataDir: opts.dataDir,
    demo: opts.demo,
    version: opts.version ?? '0.0.0',
    clock,
    logger,
    store,
    bus,
    channel,
    consent,
    messaging,
    outbox,
    channelStateView: () => channelStateView(),
  };

  channel.setHandlers({
    message: async (msg) => {
      messaging.receive(msg);
    },
    ack: (ack) => outbox.applyAck(ack),
    state: (s) => {
      bus.emit('channel.state', channelStateView(s));
      if (s.state === 'connected') outbox.kick();
    },
  });
  if (channel instanceof SimulatorChannel) {
    channel.onPhoneChanged = (phone, messages) => bus.emit('sim.phone', { phone, messages });
  }

  const handlers: Handlers = { ...coreHandlers(context) };
  const dispatch = createDispatcher(handlers, logger);

  await channel.start();
  outbox.start();

  let closed = false;
  return {
    context,
    demo: opts.demo,
    channel,
    dispatch,
    subscribe: (listener) => bus.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      outbox.stop();
      await channel.stop().catch((err: unknown) => logger.warn('channel stop failed', { error: String(err) }));
      store.close();
    },
  };
}
