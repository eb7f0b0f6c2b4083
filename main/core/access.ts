import { AUTO_LOCK_MINUTES_DEFAULT, type AccessLogEntry, type SessionState } from '../contract';
import type { Access } from '../contract/define';
import { ApiError } from '../contract/errors';
import type { Clock, Logger } from '../runtime';
import type { Store } from '../store';
import type { AccessLogRow } from '../store/access-log-repo';
import type { Profiles } from './profiles';
import type { Session } from './session';
import { toProfileView } from './views';

/** Setting: minutes without input after which a window locks (0: never). */
export const AUTO_LOCK_SETTING = 'security.autoLockMinutes';

/** Who made a call, as the access log names them. */
export interface Actor {
  kind: AccessLogRow['actor_kind'];
  id: number | null;
  name: string | null;
}

/**
 * The one rule on who may do what, used by the dispatcher (IPC and WebSocket)
 * and by the HTTP server alike:
 * - an API key has the rights of its scope (`integration` = staff, `manager`);
 *   serve mode's start token is the operator's full-access key;
 * - a window has manager rights while a manager profile is unlocked in it
 *   (its PIN), until lock or auto-lock; otherwise staff rights;
 * - an install whose managers have no PIN yet (a fresh install, or the owner
 *   right after the update) is unclaimed: there is no one to check against,
 *   so every window acts as manager until the owner sets a PIN;
 * - in-process calls (no transport) are trusted.
 */
export class AccessControl {
  constructor(
    private readonly store: Store,
    private readonly profiles: Profiles,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  autoLockMinutes(): number {
    const v = this.store.settings.get<number>(AUTO_LOCK_SETTING);
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : AUTO_LOCK_MINUTES_DEFAULT;
  }

  setAutoLockMinutes(minutes: number): void {
    this.store.settings.set(AUTO_LOCK_SETTING, minutes, this.clock.now());
  }

  /** No manager profile has a PIN yet. */
  unclaimed(): boolean {
    return !this.store.profiles.all().some((p) => p.role === 'manager' && p.pin_hash !== null);
  }

  /** The rights this session has now (after applying the auto-lock). */
  level(session: Session): Access {
    if (session.caller) return session.caller.scope === 'manager' ? 'manager' : 'staff';
    if (session.trusted) return 'manager';
    this.applyAutoLock(session);
    if (this.profiles.current(session)?.role === 'manager') return 'manager';
    return this.unclaimed() ? 'manager' : 'staff';
  }

  /** Throws 403 forbidden when the session may not do `action` (a method name or "HTTP …"). */
  authorize(session: Session, required: Access, action: string): void {
    const level = this.level(session);
    if (required === 'manager' && level !== 'manager') {
      const byKey = session.caller !== undefined;
      throw new ApiError(
        'forbidden',
        byKey ? `${action} needs an API key of scope manager` : `${action} needs manager rights: unlock a manager profile with its PIN`,
        { reason: byKey ? 'scope' : 'manager_only' },
      );
    }
    if (required === 'manager' && !byCaller(session)) this.touch(session);
  }

  /** Someone used this window: the auto-lock counts from now. */
  touch(session: Session): void {
    // A window without a profile holds no rights to protect: input there simply ends its lock screen.
    if (session.locked && session.profileId === null) session.locked = false;
    if (!session.locked) session.lastActiveAt = this.clock.now();
  }

  actor(session: Session): Actor {
    if (session.caller) return { kind: session.caller.kind, id: session.caller.keyId, name: session.caller.name };
    if (session.trusted) return { kind: 'app', id: null, name: null };
    const row = session.profileId === null ? undefined : this.store.profiles.byId(session.profileId);
    if (row) return { kind: 'profile', id: row.id, name: row.name };
    return { kind: 'none', id: null, name: session.callerName ?? null };
  }

  /** One access-log entry; a failure to write it is logged, never the caller's problem. */
  record(session: Session, action: string, contactId: number | null, outcome: string): void {
    const a = this.actor(session);
    try {
      this.store.accessLog.add({ at: this.clock.now(), actor_kind: a.kind, actor_id: a.id, actor_name: a.name, action, contact_id: contactId, outcome });
    } catch (err) {
      this.logger.error('access log write failed', { action, error: String(err) });
    }
  }

  list(cursor: string | undefined, limit: number): { items: AccessLogEntry[]; next: string | null } {
    const before = cursor === undefined ? null : Number(cursor);
    if (before !== null && (!Number.isInteger(before) || before < 1)) throw new ApiError('validation', 'cursor: invalid', { field: 'cursor' });
    const rows = this.store.accessLog.page(before, limit + 1);
    const items = rows.slice(0, limit).map(
      (r): AccessLogEntry => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        contactId: r.contact_id,
        outcome: r.outcome,
      }),
    );
    return { items, next: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }

  state(session: Session): SessionState {
    const level = this.level(session);
    const row = this.profiles.current(session);
    return {
      profile: row ? toProfileView(row, this.clock.now()) : null,
      manager: level === 'manager',
      unclaimed: this.unclaimed(),
      locked: session.locked === true,
      autoLockMinutes: this.autoLockMinutes(),
    };
  }

  /** Unlock this window for a profile (PIN checked by Profiles, with its lockout); a manager gains manager rights. */
  async unlock(session: Session, profileId: number, pin?: string, newPin?: string): Promise<SessionState> {
    if (session.caller) throw new ApiError('forbidden', 'API keys have no profile session', { reason: 'scope' });
    const before = this.profiles.current(session);
    const row = await this.profiles.switchTo(session, profileId, pin, newPin);
    if (row.role === 'staff') session.counterProfileId = row.id;
    else if (before?.role === 'staff') session.counterProfileId = before.id;
    session.locked = false;
    session.lastActiveAt = this.clock.now();
    this.announce(session, before?.id ?? null);
    return this.state(session);
  }

  /**
   * Lock this window: manager rights end. It falls back to the counter's
   * staff profile when that one needs no PIN; a profile with a PIN is left.
   */
  lock(session: Session): SessionState {
    const before = this.profiles.current(session);
    if (before?.role === 'manager') {
      const back = session.counterProfileId ? this.store.profiles.byId(session.counterProfileId) : undefined;
      session.profileId = back && back.role === 'staff' && back.pin_hash === null ? back.id : null;
    } else if (before && before.pin_hash !== null) {
      session.profileId = null;
    }
    session.locked = true;
    session.lastActiveAt = undefined;
    this.announce(session, before?.id ?? null);
    return this.state(session);
  }

  /** Locks a window that was not used for the auto-lock time (checked on each of its calls). */
  applyAutoLock(session: Session): void {
    if (session.caller || session.trusted || session.locked || session.profileId === null) return;
    const minutes = this.autoLockMinutes();
    const now = this.clock.now();
    if (session.lastActiveAt === undefined) {
      session.lastActiveAt = now;
      return;
    }
    if (minutes > 0 && now - session.lastActiveAt >= minutes * 60_000) {
      this.logger.info('window locked after inactivity', { session: session.id });
      this.lock(session);
    }
  }

  private announce(session: Session, beforeId: number | null): void {
    if (session.profileId === beforeId) return;
    const row = this.profiles.current(session);
    session.notify?.('profile.switched', { profile: row ? toProfileView(row, this.clock.now()) : null });
  }
}

const byCaller = (session: Session): boolean => session.caller !== undefined || session.trusted === true;
