import type { Envelope } from './api/errors';
import type { EventName, EventPayload } from './api/contract';
import type { Channel } from './channels/channel';
import type { HostControl } from './host';
import type { Store } from './store';

/** Injected so the domain never reads the wall clock itself (tests control time). */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export interface AppOptions {
  /** Folder that holds tresen.sqlite3, media/ and the messenger session. */
  dataDir: string;
  /** Demo/training mode: the simulator is the active channel. */
  demo: boolean;
  /** The messenger adapter; defaults to the simulator. */
  channel?: Channel;
  /** Builds the adapter once the store is open (the WhatsApp bridge keeps its checkpoints there). */
  channelFactory?: (deps: { store: Store }) => Channel;
  /** The host that can switch between the demo and the WhatsApp line. */
  host?: HostControl;
  /** The folder of line.json and the WhatsApp session (the demo's dataDir is a subfolder). */
  lineDataDir?: string;
  clock?: Clock;
  logger?: Logger;
  /** Absolute path of a better_sqlite3.node built for this runtime (Electron), if not the default. */
  sqliteNativeBinding?: string;
  /** App version shown in app.info. */
  version?: string;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a transport (IPC, WebSocket) needs from the running app. */
export interface TresenApp {
  /** Validate and run one API call; never throws, always answers an envelope. */
  dispatch(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Push events for every connected UI; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  readonly demo: boolean;
  readonly channel: Channel;
  close(): Promise<void>;
}
