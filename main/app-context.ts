import type { ChannelStateView, LineMode, LocalApiView } from './contract';
import type { Envelope } from './contract/errors';
import type { Clock, Logger } from './runtime';
import type { Announcements, Bot } from './core/bot';
import type { Backups } from './core/backup';
import type { Cases } from './core/cases';
import type { Compliance } from './core/compliance';
import type { Channel } from './core/channel';
import type { MediaStore } from './core/media-store';
import type { Idempotency } from './core/idempotency';
import type { ConsentHooks } from './core/consent-hooks';
import type { EventBus, EventListener } from './core/event-bus';
import type { Messaging } from './core/messaging';
import type { OutboxWorker } from './core/outbox-worker';
import type { Store } from './store';
import type { Inbox } from './core/inbox';
import type { Manager } from './core/manager';
import type { Profiles } from './core/profiles';
import type { Scheduler } from './core/scheduler';
import type { Setup } from './core/setup/setup';
import type { StaffLinks } from './core/setup/staff-links';
import type { Session } from './core/session';
import type { AccessControl } from './core/access';
import type { ApiKeys } from './core/api-keys';
import type { Webhooks } from './core/webhooks/webhooks';

export type { EventListener } from './core/event-bus';

/** What API handlers may ask of the host (main/host.ts implements it). */
export interface HostControl {
  readonly mode: LineMode;
  readonly canSwitch: boolean;
  /** Closes the running app and starts it again on the other line (after the current call answered). */
  switchMode(mode: LineMode): void;
  /** The local API server's switch (the Electron app); absent where it runs with the process (serve mode sets a fixed one). */
  readonly localApi?: LocalApiControl;
  /**
   * Restores a staged backup the way a line switch runs: after the current
   * call answered, stop the app, swap the files in, start again (then the
   * journal is re-applied) and tell the UIs (`backup.restored`).
   */
  restoreBackup?(plan: { stagingDir: string; createdAt: number }): void;
}

/** Starts and stops the loopback API server (main/shell/local-api.ts in the Electron app). */
export interface LocalApiControl {
  view(): LocalApiView;
  /** Applies and stores the new switch/port; resolves with what runs now. */
  update(patch: { enabled?: boolean; port?: number }): Promise<LocalApiView>;
}

/** Finding and checking the browser the WhatsApp line runs in (settings show it in either mode). */
export interface BrowserProbe {
  /** The browser's path (the configured one, else a detected one); throws with a reason when there is none. */
  find(configured: string | undefined): string;
  /** Resolves when the file is a browser that can run the line; rejects with a reason otherwise. */
  identify(path: string): Promise<unknown>;
}

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
  browser: BrowserProbe;
  consent: ConsentHooks;
  messaging: Messaging;
  mediaStore: MediaStore;
  /** First answers of outbound calls by idempotency key. */
  idempotency: Idempotency;
  outbox: OutboxWorker;
  profiles: Profiles;
  inbox: Inbox;
  scheduler: Scheduler;
  cases: Cases;
  bot: Bot;
  announcements: Announcements;
  /** The first-run wizard's progress and steps. */
  setup: Setup;
  staffLinks: StaffLinks;
  /** The manager's area: consent review, statistics, processing record. */
  manager: Manager;
  /** Exports, erasure, legal hold, retention. */
  compliance: Compliance;
  /** Who may do what (roles, API key scopes, auto-lock) and the access log. */
  access: AccessControl;
  apiKeys: ApiKeys;
  backups: Backups;
  webhooks: Webhooks;
  channelStateView(): ChannelStateView;
}

/** What a transport (IPC, WebSocket) needs from the running app. */
export interface TresenApp {
  /**
   * Validate and run one API call; never throws, always answers an envelope.
   * `session` is the calling window/connection (a fresh one without a profile when absent).
   */
  dispatch(method: string, input: unknown, session?: Session): Promise<Envelope<unknown>>;
  /** Push events for every connected UI; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  readonly demo: boolean;
  readonly channel: Channel;
  close(): Promise<void>;
}
