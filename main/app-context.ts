import type { ChannelStateView } from './api/contract';
import type { Clock, Logger } from './app-types';
import type { Channel } from './channels/channel';
import type { MediaStore } from './core/media-store';
import type { HostControl } from './host';
import type { ConsentHooks } from './core/consent-hooks';
import type { EventBus } from './core/event-bus';
import type { Messaging } from './core/messaging';
import type { OutboxWorker } from './core/outbox-worker';
import type { Store } from './store';

/** Everything API handlers and HTTP routes may use; built once in createApp. */
export interface AppContext {
  dataDir: string;
  /** Where line.json and the WhatsApp session live (dataDir's parent in demo mode). */
  lineDataDir: string;
  host: HostControl | undefined;
  demo: boolean;
  version: string;
  clock: Clock;
  logger: Logger;
  store: Store;
  bus: EventBus;
  channel: Channel;
  consent: ConsentHooks;
  messaging: Messaging;
  mediaStore: MediaStore;
  outbox: OutboxWorker;
  channelStateView(): ChannelStateView;
}
