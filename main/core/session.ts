import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload } from '../contract';

/**
 * A caller of the local API that is not a window: an API key, or serve
 * mode's start token (the operator who started the process: full access).
 */
export interface ApiCaller {
  kind: 'key' | 'operator';
  /** The key's row id; null for the operator's start token. */
  keyId: number | null;
  /** The key's name: authors the messages and notes it sends. */
  name: string;
  scope: 'integration' | 'manager';
}

/**
 * One window (IPC) or connection (WebSocket, an HTTP API caller). Which
 * profile works at it is decided here in main by `profiles.switch` /
 * `session.unlock`, never taken from a call's input.
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
  /** Set for API callers (key or start token); their rights come from the scope, not a profile. */
  readonly caller?: ApiCaller;
  /** In-process calls (the shell's own look-ups, tests): no transport, full rights. */
  readonly trusted?: boolean;
  /** The staff profile the window returns to when manager rights end (lock, auto-lock). */
  counterProfileId?: number | null;
  /** Last time someone used this window (ms); the auto-lock counts from here. */
  lastActiveAt?: number;
  /** Locked by inactivity or session.lock; the UI shows its lock screen until session.unlock. */
  locked?: boolean;
  /** Push an event to this window/connection only (e.g. profile.switched). */
  notify?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export function newSession(
  opts: { callerName?: string; caller?: ApiCaller; trusted?: boolean; notify?: Session['notify'] } = {},
): Session {
  return { id: randomUUID(), profileId: null, ...opts };
}

/** Name the local API signs with when serve mode's start token calls it. */
export const LOCAL_API_CALLER = 'Lokale API';
