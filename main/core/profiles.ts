import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PIN_LOCK_MS, PIN_MAX_TRIES, type ProfileRole } from '../contract';
import { ApiError } from '../contract/errors';
import type { Clock } from '../runtime';
import type { Store } from '../store';
import type { ProfileRow } from '../store/profiles-repo';
import type { Session } from './session';

/** scrypt parameters (OWASP: N=2^15, r=8, p=1), stored with each hash so they can grow later. */
const N = 32768;
const R = 8;
const P = 1;
const KEY_LEN = 32;
export const PEPPER_FILE = 'pin-pepper.key';
/** Setting: outbound messages need a profile; on unless set to false (the counter UI switches profiles). */
export const PROFILE_REQUIRED_SETTING = 'profiles.requiredForSending';

const scrypt = (pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCb(pin, salt, KEY_LEN, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );

/**
 * The per-install pepper: 32 random bytes in the data folder, readable by the
 * owner only (0600), created on first use. A copied database alone is not
 * enough to try PINs offline.
 */
export function loadPepper(dataDir: string): Buffer {
  const file = join(dataDir, PEPPER_FILE);
  if (!existsSync(file)) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(32).toString('base64'));
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const pepper = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (pepper.length < 16) throw new Error(`${file} is damaged (too short)`);
  return pepper;
}

/**
 * Staff profiles at the counter: PINs hashed with scrypt (per-profile salt,
 * per-install pepper), PIN_MAX_TRIES wrong tries lock a profile for
 * PIN_LOCK_MS, a manager always has a PIN. The current profile is a property
 * of the session.
 */
export class Profiles {
  private pepperCache: Buffer | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly pepper: () => Buffer,
  ) {}

  async hashPin(pin: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(pin, Buffer.concat([salt, this.pep()]), N, R, P);
    return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verifyPin(hash: string, pin: string): Promise<boolean> {
    const [tag, n, r, p, salt, key] = hash.split('$');
    if (tag !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await scrypt(pin, Buffer.concat([Buffer.from(salt, 'base64'), this.pep()]), Number(n), Number(r), Number(p));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** The session's profile, re-read each time (it may have been archived, or the line switched). */
  current(session: Session): ProfileRow | undefined {
    if (session.profileId === null) return undefined;
    const row = this.store.profiles.byId(session.profileId);
    if (!row) session.profileId = null;
    return row;
  }

  requireProfile(session: Session): ProfileRow {
    const row = this.current(session);
    if (!row) throw new ApiError('forbidden', 'choose a profile first', { reason: 'no_profile' });
    return row;
  }

  /** A manager profile, a manager-scope API key or an in-process call (the dispatcher checked the method's access already). */
  requireManager(session: Session): ProfileRow | undefined {
    if (session.trusted || session.caller?.scope === 'manager') return this.current(session);
    const row = this.requireProfile(session);
    if (row.role !== 'manager') throw new ApiError('forbidden', 'managers only', { reason: 'manager_only' });
    return row;
  }

  /**
   * Who authors a message from this session: its profile, or the API
   * caller's name. A window without a profile may send (with no author) only
   * when the setting PROFILE_REQUIRED_SETTING is set to false.
   */
  messageAuthor(session: Session): { profileId: number | null; name: string | null } {
    const row = this.current(session);
    if (row) return { profileId: row.id, name: row.name };
    if (session.callerName) return { profileId: null, name: session.callerName };
    if (this.store.settings.get<boolean>(PROFILE_REQUIRED_SETTING) !== false) {
      throw new ApiError('forbidden', 'choose a profile first', { reason: 'no_profile' });
    }
    return { profileId: null, name: null };
  }

  /** Who authors a note from this session: the profile, else the API caller's name; never free text. */
  author(session: Session): { profileId: number | null; name: string } {
    const row = this.current(session);
    if (row) return { profileId: row.id, name: row.name };
    if (session.callerName) return { profileId: null, name: session.callerName };
    throw new ApiError('forbidden', 'choose a profile first', { reason: 'no_profile' });
  }

  /**
   * Switch the session to a profile. A profile with a PIN needs it; a
   * manager that must set its PIN (the owner after the update) sets it here.
   */
  async switchTo(session: Session, profileId: number, pin?: string, newPin?: string): Promise<ProfileRow> {
    const row = this.byIdOrThrow(profileId);
    const now = this.clock.now();
    this.assertNotLocked(row, now);
    if (row.must_set_pin) {
      if (!newPin) throw new ApiError('forbidden', 'Dieses Profil braucht zuerst eine PIN.', { reason: 'pin_not_set', field: 'newPin' });
      this.store.profiles.setPin(row.id, await this.hashPin(newPin), now);
    } else if (row.pin_hash !== null) {
      await this.checkPin(row, pin, now);
    }
    session.profileId = row.id;
    return this.store.profiles.byId(row.id)!;
  }

  async create(session: Session, p: { name: string; color: string; role: ProfileRole; pin?: string }): Promise<ProfileRow> {
    this.requireManager(session);
    if (p.role === 'manager' && !p.pin) {
      throw new ApiError('validation', 'pin: Leitungsprofile brauchen eine PIN.', { field: 'pin' });
    }
    return this.store.profiles.create({
      name: p.name,
      color: p.color,
      role: p.role,
      pinHash: p.pin ? await this.hashPin(p.pin) : null,
      now: this.clock.now(),
    });
  }

  update(session: Session, profileId: number, p: { name?: string; color?: string; role?: ProfileRole }): ProfileRow {
    const me = this.requireProfile(session);
    const row = this.byIdOrThrow(profileId);
    const ownLook = me.id === row.id && p.role === undefined;
    if (!ownLook && me.role !== 'manager') throw new ApiError('forbidden', 'managers only', { reason: 'manager_only' });
    const role = p.role ?? row.role;
    if (role === 'manager' && row.pin_hash === null && !row.must_set_pin) {
      throw new ApiError('conflict', 'Ein Leitungsprofil braucht zuerst eine PIN.', { reason: 'pin_not_set' });
    }
    if (row.role === 'manager' && role === 'staff' && this.store.profiles.all().filter((x) => x.role === 'manager').length === 1) {
      throw new ApiError('conflict', 'Mindestens ein Leitungsprofil muss bleiben.', { reason: 'last_manager' });
    }
    this.store.profiles.update(row.id, { name: p.name ?? row.name, color: p.color ?? row.color, role }, this.clock.now());
    return this.store.profiles.byId(row.id)!;
  }

  /** Own PIN: the current PIN is needed; a manager may reset anyone's. A manager's PIN cannot be removed. */
  async setPin(session: Session, profileId: number, currentPin: string | undefined, newPin: string | null): Promise<ProfileRow> {
    const me = this.requireProfile(session);
    const row = this.byIdOrThrow(profileId);
    const now = this.clock.now();
    if (me.id === row.id) {
      if (row.pin_hash !== null) {
        this.assertNotLocked(row, now);
        await this.checkPin(row, currentPin, now);
      }
    } else if (me.role !== 'manager') {
      throw new ApiError('forbidden', 'managers only', { reason: 'manager_only' });
    }
    if (newPin === null && row.role === 'manager') {
      throw new ApiError('validation', 'newPin: Leitungsprofile brauchen eine PIN.', { field: 'newPin' });
    }
    this.store.profiles.setPin(row.id, newPin === null ? null : await this.hashPin(newPin), now);
    return this.store.profiles.byId(row.id)!;
  }

  private byIdOrThrow(id: number): ProfileRow {
    const row = this.store.profiles.byId(id);
    if (!row) throw new ApiError('not_found', 'profile not found', { field: 'profileId' });
    return row;
  }

  private assertNotLocked(row: ProfileRow, now: number): void {
    if (row.locked_until !== null && row.locked_until > now) {
      throw new ApiError('rate_limited', 'too many wrong PINs; the profile is locked for a few minutes', {
        reason: 'profile_locked',
      });
    }
  }

  private async checkPin(row: ProfileRow, pin: string | undefined, now: number): Promise<void> {
    if (!pin) throw new ApiError('unauthorized', 'PIN erforderlich.', { reason: 'pin_required', field: 'pin' });
    if (await this.verifyPin(row.pin_hash!, pin)) {
      this.store.profiles.clearFailures(row.id);
      return;
    }
    // Re-read: another window may have counted a failure while scrypt ran.
    const fresh = this.store.profiles.byId(row.id) ?? row;
    const attempts = (fresh.locked_until !== null && fresh.locked_until <= now ? 0 : fresh.failed_attempts) + 1;
    if (attempts >= PIN_MAX_TRIES) {
      this.store.profiles.recordFailure(row.id, 0, now + PIN_LOCK_MS);
      throw new ApiError('rate_limited', 'too many wrong PINs; the profile is locked for a few minutes', { reason: 'profile_locked' });
    }
    this.store.profiles.recordFailure(row.id, attempts, null);
    throw new ApiError('unauthorized', 'PIN falsch.', { reason: 'pin_wrong', field: 'pin' });
  }

  private pep(): Buffer {
    this.pepperCache ??= this.pepper();
    return this.pepperCache;
  }
}
