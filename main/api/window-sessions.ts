import { newSession, type Session } from '../core/session';

/** A tab's key (`/ws?window=`): random, from the page's sessionStorage. */
const WINDOW_KEY = /^[A-Za-z0-9-]{16,64}$/;
/** Tabs remembered for a reload; the oldest is forgotten first. */
const MAX_WINDOWS = 256;

/**
 * The last session of each browser tab, by the random key the page keeps in
 * its sessionStorage: a reload (a new connection from the same tab) works as
 * the same profile. Only reachable with the token; kept in memory, bounded.
 */
export class WindowSessions {
  private readonly windows = new Map<string, Session>();

  /** A new session for this connection; a known tab key brings back its profile and lock. A malformed key counts as none. */
  sessionFor(windowKey: string | null, notify: Session['notify']): Session {
    const session = newSession({ notify });
    if (windowKey === null || !WINDOW_KEY.test(windowKey)) return session;
    const earlier = this.windows.get(windowKey);
    if (earlier) {
      // The window comes back as it was: the same profile, and locked if it was (a reload never unlocks).
      session.profileId = earlier.profileId;
      session.counterProfileId = earlier.counterProfileId;
      session.lastActiveAt = earlier.lastActiveAt;
      session.locked = earlier.locked;
    }
    this.windows.delete(windowKey);
    this.windows.set(windowKey, session);
    if (this.windows.size > MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value!);
    return session;
  }
}
