import type { Db } from './db';
import { stmt } from './statements';

export interface SimPhoneRow {
  phone: string;
  direction: 'in' | 'out';
  text: string;
  at: string;
}

/** The demo's simulated phones and the keys they delivered (so a restart keeps both). */
export class SimRepo {
  constructor(private readonly db: Db) {}

  all(): SimPhoneRow[] {
    return stmt(this.db, 'SELECT phone, direction, text, at FROM sim_phone_messages ORDER BY id').all() as SimPhoneRow[];
  }

  append(row: SimPhoneRow): void {
    stmt(this.db, 'INSERT INTO sim_phone_messages (phone, direction, text, at) VALUES (?, ?, ?, ?)').run(
      row.phone,
      row.direction,
      row.text,
      row.at,
    );
  }

  deliveredKey(idempotencyKey: string): string | undefined {
    return (
      stmt(this.db, 'SELECT external_id FROM sim_sent_keys WHERE idempotency_key = ?').get(idempotencyKey) as
        | { external_id: string }
        | undefined
    )?.external_id;
  }

  /** The phone shows the message and remembers its key, in one step. */
  deliver(idempotencyKey: string, externalId: string, row: SimPhoneRow): void {
    this.db.transaction(() => {
      stmt(this.db, 'INSERT INTO sim_sent_keys (idempotency_key, external_id) VALUES (?, ?)').run(idempotencyKey, externalId);
      this.append(row);
    })();
  }
}
