import type { SimPhoneMessage } from '../contract';
import type { Db } from './db';
import { stmt } from './statements';

export type SimPhoneRow = { phone: string } & SimPhoneMessage;

export interface SimFileRow {
  data: Buffer;
  mime: string;
  fileName: string | null;
}

/** The demo's simulated phones, their files and the keys they delivered (so a restart keeps all three). */
export class SimRepo {
  constructor(private readonly db: Db) {}

  all(): SimPhoneRow[] {
    const rows = stmt(this.db, 'SELECT phone, item FROM sim_phone_messages ORDER BY id').all() as { phone: string; item: string }[];
    return rows.map((r) => ({ phone: r.phone, ...(JSON.parse(r.item) as SimPhoneMessage) }));
  }

  append(row: SimPhoneRow): void {
    const { phone, ...item } = row;
    stmt(this.db, 'INSERT INTO sim_phone_messages (phone, item) VALUES (?, ?)').run(phone, JSON.stringify(item));
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

  saveFile(id: string, file: SimFileRow): void {
    stmt(this.db, 'INSERT OR REPLACE INTO sim_files (id, mime, file_name, data) VALUES (?, ?, ?, ?)').run(id, file.mime, file.fileName, file.data);
  }

  file(id: string): SimFileRow | undefined {
    const row = stmt(this.db, 'SELECT mime, file_name, data FROM sim_files WHERE id = ?').get(id) as
      | { mime: string; file_name: string | null; data: Buffer }
      | undefined;
    return row && { mime: row.mime, fileName: row.file_name, data: row.data };
  }

  /** Forgets a phone's items and its files (erasure). */
  deletePhone(phone: string, fileIds: readonly string[]): void {
    this.db.transaction(() => {
      stmt(this.db, 'DELETE FROM sim_phone_messages WHERE phone = ?').run(phone);
      for (const id of fileIds) stmt(this.db, 'DELETE FROM sim_files WHERE id = ?').run(id);
    })();
  }
}
