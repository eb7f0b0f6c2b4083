import type { Db } from './db';
import { stmt } from './statements';

export interface ProfileRow {
  id: number;
  name: string;
  color: string;
  role: 'staff' | 'manager';
  pin_hash: string | null;
  must_set_pin: number;
  failed_attempts: number;
  locked_until: number | null;
  archived: number;
  created_at: number;
  updated_at: number;
}

/** Staff profiles; PIN hashing and the lockout rules live in core/profiles. */
export class ProfilesRepo {
  constructor(private readonly db: Db) {}

  all(): ProfileRow[] {
    return stmt(this.db, 'SELECT * FROM profiles WHERE archived = 0 ORDER BY id').all() as ProfileRow[];
  }

  byId(id: number): ProfileRow | undefined {
    return stmt(this.db, 'SELECT * FROM profiles WHERE id = ? AND archived = 0').get(id) as ProfileRow | undefined;
  }

  create(p: { name: string; color: string; role: 'staff' | 'manager'; pinHash: string | null; now: number }): ProfileRow {
    const id = stmt(this.db, 'INSERT INTO profiles (name, color, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      p.name,
      p.color,
      p.role,
      p.pinHash,
      p.now,
      p.now,
    ).lastInsertRowid as number;
    return this.byId(id)!;
  }

  update(id: number, p: { name: string; color: string; role: 'staff' | 'manager' }, now: number): void {
    stmt(this.db, 'UPDATE profiles SET name = ?, color = ?, role = ?, updated_at = ? WHERE id = ?').run(p.name, p.color, p.role, now, id);
  }

  setPin(id: number, pinHash: string | null, now: number): void {
    stmt(this.db,
      'UPDATE profiles SET pin_hash = ?, must_set_pin = 0, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
    ).run(pinHash, now, id);
  }

  recordFailure(id: number, attempts: number, lockedUntil: number | null): void {
    stmt(this.db, 'UPDATE profiles SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(attempts, lockedUntil, id);
  }

  clearFailures(id: number): void {
    stmt(this.db, 'UPDATE profiles SET failed_attempts = 0, locked_until = NULL WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)').run(
      id,
    );
  }
}
