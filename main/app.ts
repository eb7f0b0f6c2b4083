import { backupHandlers } from './api/handlers/backup';
import { botHandlers } from './api/handlers/bot';
import { caseHandlers } from './api/handlers/cases';
import { complianceHandlers } from './api/handlers/compliance';
import { consentHandlers } from './api/handlers/consent';
import { coreHandlers } from './api/handlers/core';
import { inboxHandlers } from './api/handlers/inbox';
import { lineHandlers } from './api/handlers/line';
import { setupHandlers } from './api/handlers/setup';
import { uiHandlers } from './api/handlers/ui';
import { rolesHandlers } from './api/handlers/roles';
import { webhookHandlers } from './api/handlers/webhooks';
import { backupRoutes } from './api/routes/backups';
import { conversationRoutes } from './api/routes/conversations';
import { apiV1Routes } from './api/routes/api-v1';
import { announcementRoutes } from './api/routes/announcements';
import { caseRoutes } from './api/routes/cases';
import { complianceRoutes } from './api/routes/compliance';
import { keyRoutes } from './api/routes/keys';
import { webhookRoutes } from './api/routes/webhooks';
import type { HttpRoute, ServedApp } from './api/http-route';
import { createDispatcher, type Handlers } from './api/router';
import type { ChannelStateView } from './contract';
import type { AppContext } from './app-context';
import { stderrLogger, systemClock, type Clock } from './runtime';
import type { Channel, ChannelState, InboundMedia, InboundMessage } from './core/channel';
import { SimulatorChannel } from './channels/simulator';
import { ConsentEngine } from './core/consent/engine';
import { markReadOnMessenger } from './core/read-state';
import { Announcements, Bot } from './core/bot';
import { findBrowser, identifyBrowser } from './channels/whatsapp/browser';
import { createCases } from './core/cases';
import { Compliance, reapplyJournal, retentionRecordEntries } from './core/compliance';
import { shopContextFrom } from './core/cases/shop';
import { EventBus } from './core/event-bus';
import { Idempotency } from './core/idempotency';
import { MediaStore, MediaTooLargeError } from './core/media-store';
import { LiveIntake } from './core/live-intake';
import { Messaging } from './core/messaging';
import { OutboxWorker } from './core/outbox-worker';
import { Inbox } from './core/inbox';
import { loadPepper, Profiles } from './core/profiles';
import { AccessControl } from './core/access';
import { ApiKeys } from './core/api-keys';
import { Scheduler } from './core/scheduler';
import { SchedulerReminderTimer } from './core/cases/scheduler-timer';
import { Setup } from './core/setup/setup';
import { StaffLinks } from './core/setup/staff-links';
import { Manager } from './core/manager';
import { managerHandlers } from './api/handlers/manager';
import { managerRoutes } from './api/routes/manager';
import { DB_FILE_NAME, Store } from './store';
import { startWalCheckpointer } from './store/checkpointer';
import { latestVersion } from './store/migrations';
import { Backups, backupRecordEntries, fileKeyVault, IntegrityMonitor, type ReapplyJournal } from './core/backup';
import { Webhooks } from './core/webhooks/webhooks';
import { join } from 'node:path';
import type { AppOptions } from './app-options';

export { stderrLogger } from './runtime';

export type { AppOptions } from './app-options';


/** The compliance journal beside the database: erasures and withdrawals made after the backup are applied again. */
const journalOf =
  (dataDir: string, clock: Clock): ReapplyJournal =>
  (store, since) => {
    const r = reapplyJournal(store, since, { dataDir, clock });
    return { erased: r.erased, revoked: r.revoked };
  };

export interface CreatedApp extends ServedApp {
  readonly context: AppContext;
  readonly consent: ConsentEngine;
  /** Local HTTP API routes (served next to the UI by the loopback server). */
  readonly httpRoutes: HttpRoute[];
}

/**
 * The composition root: opens the store, picks the channel, wires messaging,
 * consent and the outbox, and exposes one dispatcher for both transports.
 */
export async function createApp(opts: AppOptions): Promise<CreatedApp> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? stderrLogger;
  // No quick_check on the start path: IntegrityMonitor runs it in a worker after an unclean shutdown.
  const store = Store.open(opts.dataDir, { quickCheck: false, ...(opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {}) });
  // WAL checkpoints (and their syncs) off the event loop, every 200 ms (main/store/checkpointer.ts).
  const checkpointer = startWalCheckpointer(store.db, {
    nativeBinding: opts.sqliteNativeBinding,
    onError: (message) => logger.warn('database checkpoint', { message }),
  });
  if (opts.restoredSince !== undefined) {
    // A restored backup never brings back an erased person or a withdrawn consent.
    const reapplied = (opts.reapplyJournal ?? journalOf(opts.dataDir, clock))(store, opts.restoredSince);
    logger.info('restored backup: journal re-applied', { since: opts.restoredSince, ...reapplied });
  }
  const bus = new EventBus();
  const channel: Channel = opts.channel ?? (await opts.channelFactory?.({ store })) ?? new SimulatorChannel(clock, store.sim);
  const mediaStore = new MediaStore({ dataDir: opts.dataDir, store });
  const cleaned = mediaStore.cleanAtStart();
  if (cleaned.temp + cleaned.unreferenced > 0) logger.info('media folder cleaned at start', cleaned);
  // The consent texts mention the bot only while it is on; the bot is built later, after the inbox.
  let botEnabled = (): boolean => false;
  const consent = new ConsentEngine(store, bus, clock, logger, { demo: opts.demo, botEnabled: () => botEnabled() });
  const messaging = new Messaging(store, bus, consent, clock, logger);
  consent.attach(messaging);
  // Quarantine deletion frees media rows; the file goes with the last reference, in the same transaction.
  consent.onMediaOrphaned = (sha256) => {
    mediaStore.removeIfUnreferenced(sha256);
  };
  const outbox = new OutboxWorker(store, channel, messaging, consent, clock, logger);
  messaging.onQueued = () => outbox.kick();
  outbox.loadMedia = (sha256) => mediaStore.read(sha256);
  const scheduler = new Scheduler(store, clock, logger);
  const profiles = new Profiles(store, clock, () => loadPepper(opts.dataDir));
  const inbox = new Inbox(store, bus, profiles, scheduler, clock, logger);

  const shopContext = shopContextFrom(() => consent.settings(), (id) => store.contacts.byId(id));
  const cases = createCases({
    store,
    bus,
    messaging,
    consent,
    mediaStore,
    clock,
    logger,
    ...shopContext,
    timer: new SchedulerReminderTimer(scheduler),
  });

  const bot = new Bot({
    store,
    bus,
    messaging,
    inbox,
    clock,
    logger,
    demo: opts.demo,
    consentSettings: () => consent.settings(),
    serviceGranted: (contactId) => consent.state(contactId, 'service') === 'granted',
    shop: shopContext.shop,
    saveSpecialDays: (specialDays) => void consent.updateSettings({ shop: { ...consent.settings().shop, specialDays } }),
    locale: shopContext.locale,
  });
  messaging.onInbound = (message, contactId) => bot.onInbound(message, contactId);
  botEnabled = () => bot.settings().enabled;
  const announcements = new Announcements({
    store,
    bus,
    messaging,
    scheduler,
    mediaStore,
    clock,
    logger,
    settings: () => bot.settings().announcements,
  });

  const compliance = new Compliance({ dataDir: opts.dataDir, store, consent, mediaStore, channel, bus, clock, logger });
  const lineDataDir = opts.lineDataDir ?? opts.dataDir;
  const backups = new Backups({
    store,
    dataDir: opts.dataDir,
    mediaDir: mediaStore.dir,
    vault: opts.backupKeyVault ?? fileKeyVault(join(lineDataDir, 'backup.key')),
    clock,
    logger,
    bus,
    scheduler,
    schemaVersion: latestVersion(),
    nativeBinding: opts.sqliteNativeBinding,
    requestRestore: opts.host?.restoreBackup ? (plan) => opts.host!.restoreBackup!(plan) : undefined,
  });
  const integrity = new IntegrityMonitor({
    dataDir: opts.dataDir,
    dbFile: join(opts.dataDir, DB_FILE_NAME),
    bus,
    logger,
    nativeBinding: opts.sqliteNativeBinding,
    latest: () => backups.list().find((b) => b.present) ?? null,
    setState: (state) => {
      backups.integrity = state;
    },
  });
  const webhooks = new Webhooks({ store, bus, scheduler, clock, logger, retry: opts.webhookRetry });
  const staffLinks = new StaffLinks(store, clock, () => consent.settings());
  messaging.onNewContact = (conversationId, body) => staffLinks.assignFromStart(conversationId, body);
  const setup = new Setup({
    store,
    clock,
    consent,
    profiles,
    channel,
    line: opts.host,
    dataDir: opts.dataDir,
    lineDataDir: opts.lineDataDir ?? opts.dataDir,
    whenUnrecorded: opts.setupDefault ?? (opts.host ? 'derive' : 'completed'),
  });

  const channelStateView = (s: ChannelState = channel.state()): ChannelStateView => ({ kind: channel.kind, ...s });
  const context: AppContext = {
    dataDir: opts.dataDir,
    lineDataDir: opts.lineDataDir ?? opts.dataDir,
    host: opts.host,
    demo: opts.demo,
    version: opts.version ?? '0.0.0',
    clock,
    logger,
    store,
    bus,
    channel,
    browser: { find: (configured) => findBrowser(configured), identify: (path) => identifyBrowser(path) },
    consent,
    messaging,
    mediaStore,
    idempotency: new Idempotency(store, clock),
    outbox,
    profiles,
    inbox,
    scheduler,
    cases,
    bot,
    announcements,
    setup,
    staffLinks,
    manager: new Manager({
      store,
      clock,
      consentSettings: () => consent.settings(),
      bot: () => ({ enabled: bot.settings().enabled, weeklyCap: bot.settings().announcements.weeklyCap }),
      history: (contactId) => consent.history(contactId),
    }),
    compliance,
    access: new AccessControl(store, profiles, clock, logger),
    apiKeys: new ApiKeys(store, clock),
    backups,
    webhooks,
    channelStateView: () => channelStateView(),
  };

  // The processing record lists the retention periods as set: the retention job's and the backups'.
  context.manager.retentionProviders.push(
    () => retentionRecordEntries(compliance.retention.settings()),
    () => backupRecordEntries(backups.settings()),
  );

  const intake = new LiveIntake(messaging);
  channel.setHandlers({
    message: async (msg) => {
      const media = msg.media ? await storeMedia(msg.media) : undefined;
      try {
        await intake.receive({ msg, media });
      } finally {
        // A duplicate delivery leaves the file unreferenced: release() removes it then.
        media?.release();
      }
    },
    messages: async (batch) => {
      // Files first (async, on disk), then one transaction for the whole batch.
      const items: { msg: InboundMessage; media?: Awaited<ReturnType<typeof storeMedia>> }[] = [];
      try {
        for (const msg of batch) items.push({ msg, media: msg.media ? await storeMedia(msg.media) : undefined });
        return messaging.receiveBatch(items).map((o) => o.ok);
      } finally {
        for (const item of items) item.media?.release();
      }
    },
    ack: (ack) => outbox.applyAck(ack),
    edit: ({ externalId, body, at }) => void messaging.applyEdit(externalId, body, at),
    revoke: ({ externalId }) => {
      const gone = messaging.applyRevoke(externalId);
      // The file goes with its last reference (another message may share the same bytes).
      if (gone?.sha256) mediaStore.removeIfUnreferenced(gone.sha256);
    },
    readElsewhere: (chat) => void markReadOnMessenger(context, chat),
    state: (s) => {
      bus.emit('channel.state', channelStateView(s));
      if (s.state === 'connected') outbox.kick();
    },
  });
  /**
   * Bytes go to the content-addressed store before the message row is
   * written. Too large media never blocks the message itself: it is committed
   * without the file (a throw would mean "not received" and endless refetching).
   */
  async function storeMedia(media: InboundMedia) {
    try {
      const stored = await mediaStore.put(media.data, { mime: media.claimedMime });
      return {
        sha256: stored.sha256,
        mime: stored.mime,
        size: stored.size,
        fileName: media.fileName ?? null,
        release: stored.release,
      };
    } catch (err) {
      if (err instanceof MediaTooLargeError) {
        logger.warn('inbound media too large, kept the message without it', { size: media.data.length });
        return undefined;
      }
      throw err;
    }
  }
  if (channel.setMediaHandler) {
    channel.setMediaHandler(async ({ externalId, media }) => {
      const stored = await storeMedia(media);
      if (!stored) return;
      // The message may be gone meanwhile (quarantine expired): release() then removes the file.
      try {
        messaging.attachMedia(externalId, stored);
      } finally {
        stored.release();
      }
    });
  }
  if (channel.simulator) {
    // Deltas only: the whole phone goes out once, when a client connects (see the transports).
    channel.simulator.onPhoneMessage = (phone, message) => bus.emit('sim.phone.message', { phone, message });
  }

  const handlers: Handlers = {
    ...coreHandlers(context),
    ...lineHandlers(context),
    ...consentHandlers(context, consent),
    ...uiHandlers(context),
    ...inboxHandlers(context, { shopName: () => consent.settings().shop.name }),
    ...caseHandlers(context),
    ...botHandlers(context),
    ...setupHandlers(context),
    ...managerHandlers(context, (contactId) => consent.history(contactId)),
    ...complianceHandlers(context),
    ...rolesHandlers(context),
    ...backupHandlers(context),
    ...webhookHandlers(context),
  };
  const dispatch = createDispatcher(handlers, logger, context.access);

  const unclean = integrity.begin();
  webhooks.start();
  consent.start();
  await channel.start();
  outbox.start();
  compliance.schedule(scheduler);
  scheduler.start();
  cases.reminders.start();
  // Only after an unclean shutdown, and off the start path (a worker thread, once the first page is served).
  if (unclean) integrity.checkLater(opts.integrityCheckDelayMs ?? 5_000);

  let closed = false;
  return {
    context,
    consent,
    httpRoutes: [
      ...apiV1Routes(consent),
      ...conversationRoutes(),
      ...caseRoutes,
      ...announcementRoutes,
      ...managerRoutes,
      ...complianceRoutes,
      ...keyRoutes,
      ...backupRoutes,
      ...webhookRoutes,
    ],
    demo: opts.demo,
    channel,
    dispatch,
    subscribe: (listener) => bus.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      consent.stop();
      webhooks.stop();
      await scheduler.stop();
      cases.reminders.stop();
      await outbox.stop();
      await channel.stop().catch((err: unknown) => logger.warn('channel stop failed', { error: String(err) }));
      // Before the main connection closes, so that, as the last one, it leaves no WAL behind.
      await checkpointer?.stop();
      store.close();
      integrity.end();
    },
  };
}
