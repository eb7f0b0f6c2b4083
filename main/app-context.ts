import type { ChannelStateView } from './api/contract';
import type { Clock, Logger } from './app-types';
import type { Channel } from './channels/channel';
import type { ConsentHooks } from './core/consent-hooks';
import type { EventBus } from './core/event-bus';
import type { Messaging } from './core/messaging';
import type { OutboxWorker } from './core/outbox-worker';
import type { Store } from './store';

/** Everything API handlers and HTTP routes may use; built once in createApp. */
export interface AppContext {
  dataDir: string;
  demo: boolean;
  version: string;
  clock: Clock;
  logger: Logger;
  store: Store;
  bus: EventBus;
  channel: Channel;
  consent: ConsentHooks;
  messaging: Messaging;
  outbox: OutboxWorker;
  channelStateView(): ChannelStateView;
}
