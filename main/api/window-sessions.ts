import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { newSession, type Session } from '../core/session';

/** A tab's key (`/ws?window=`): random, from the page's sessionStorage. */
const WINDOW_KEY = /^[A-Za-z0-9-]{16,64}$/;
/** Tabs remembered for a reload; the oldest is forgotten first. */
const MAX_WINDOWS = 256;

/** What a tab's session carries over a reload (and, in serve mode, over a restart). */
export interface WindowSnapshot {
  key: string;
  profileId: number | null;
  counterProfileId: number | null;
  lastActiveAt: number | null;
  locked: boolean;
}

const isId = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isInteger(v) && v > 0);

/** The snapshots in a stored list that are well formed; anything else is dropped. */
export function parseWindowSnapshots(raw: unknown): WindowSnapshot[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (w): w is WindowSnapshot =>
        typeof w === 'object' &&
        w !== null &&
        typeof (w as WindowSnapshot).key === 'string' &&
        WINDOW_KEY.test((w as WindowSnapshot).key) &&
        isId((w as WindowSnapshot).profileId) &&
        isId((w as WindowSnapshot).counterProfileId) &&
        ((w as WindowSnapshot).lastActiveAt === null || Number.isFinite((w as WindowSnapshot).lastActiveAt)) &&
        typeof (w as WindowSnapshot).locked === 'boolean',
    )
    .slice(-MAX_WINDOWS);
}

/**
 * The last session of each browser tab, by the random key the page keeps in
 * its sessionStorage: a reload (a new connection from the same tab) works as
 * the same profile. Only reachable with the token; kept in memory, bounded;
 * serve mode saves them at stop, so a tab reconnecting after a restart comes
 * back the same way (never unlocked by it).
 */
export class WindowSessions {
  private readonly windows = new Map<string, Session>();

  constructor(saved: WindowSnapshot[] = []) {
    for (const w of saved) {
      const session = newSession();
      session.profileId = w.profileId;
      session.counterProfileId = w.counterProfileId;
      if (w.lastActiveAt !== null) session.lastActiveAt = w.lastActiveAt;
      session.locked = w.locked;
      this.windows.set(w.key, session);
    }
  }

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

  /** Each remembered tab as it is now, oldest first. */
  snapshot(): WindowSnapshot[] {
    return [...this.windows].map(([key, s]) => ({
      key,
      profileId: s.profileId,
      counterProfileId: s.counterProfileId ?? null,
      lastActiveAt: s.lastActiveAt ?? null,
      locked: s.locked === true,
    }));
  }
}

/** The fingerprint the saved tabs are kept under: a new token starts every tab afresh. */
export function windowsTokenMark(token: string): string {
  return createHash('sha256').update(`tresen windows ${token}`).digest('hex').slice(0, 32);
}

/** The saved tabs; none when the file is missing or unreadable (a tab then starts without a profile, as new). */
export function readWindows(file: string, tokenMark: string): WindowSnapshot[] {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { token?: unknown; windows?: unknown };
    return saved.token === tokenMark ? parseWindowSnapshots(saved.windows) : [];
  } catch {
    return [];
  }
}

export function saveWindows(file: string, tokenMark: string, windows: WindowSessions, logger: { warn(msg: string, fields?: Record<string, unknown>): void }): void {
  try {
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ token: tokenMark, windows: windows.snapshot() }), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (err) {
    logger.warn('tab sessions not saved', { error: err instanceof Error ? err.message : String(err) });
  }
}
