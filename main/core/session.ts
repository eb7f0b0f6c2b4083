import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload } from '../contract';

/**
 * One window (IPC) or connection (WebSocket, an HTTP API caller). Which
 * profile works at it is decided here in main by `profiles.switch`, never
 * taken from a call's input.
 */
export interface Session {
  readonly id: string;
  /** The staff profile working at this window; null until someone switches to one. */
  profileId: number | null;
  /**
   * For callers that are not a window (the local API): the name that authors
   * their notes and messages, e.g. the API key's name.
   */
  readonly callerName?: string;
  /** Push an event to this window/connection only (e.g. profile.switched). */
  notify?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export function newSession(opts: { callerName?: string; notify?: Session['notify'] } = {}): Session {
  return { id: randomUUID(), profileId: null, ...opts };
}

/** Name the local API signs with until API keys exist. */
export const LOCAL_API_CALLER = 'Lokale API';
