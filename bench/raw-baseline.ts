import Database from 'better-sqlite3';
import type { InboundMessage } from '../main/core/channel';

/**
 * The bare equivalent: a contact table that carries its own last-activity and
 * unread columns, a message table with the dedupe key and the per-contact
 * index, and a contentless FTS5 index of the body (the app must search too).
 */
export class Raw {
  readonly db: Database.Database;
  private readonly findContact: Database.Statement;
  private readonly insContact: Database.Statement;
  private readonly insMsg: Database.Statement;
  private readonly insFts: Database.Statement;
  private readonly bump: Database.Statement;
  readonly receiveBatch: (msgs: InboundMessage[]) => void;
  readonly receiveOne: (msg: InboundMessage) => void;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT, last_at INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX contacts_recent ON contacts(last_at, id);
      CREATE TABLE messages (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, external_id TEXT UNIQUE, type TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE INDEX messages_contact ON messages(contact_id, id);
      CREATE VIRTUAL TABLE messages_fts USING fts5(body, content = '', tokenize = 'unicode61 remove_diacritics 2');
    `);
    this.findContact = this.db.prepare('SELECT id FROM contacts WHERE phone = ?').pluck();
    this.insContact = this.db.prepare('INSERT INTO contacts (phone, name) VALUES (?, ?)');
    this.insMsg = this.db.prepare('INSERT OR IGNORE INTO messages (contact_id, external_id, type, body, created_at) VALUES (?, ?, ?, ?, ?)');
    this.insFts = this.db.prepare('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)');
    this.bump = this.db.prepare('UPDATE contacts SET last_at = ?, unread = unread + 1 WHERE id = ?');
    const one = (m: InboundMessage) => {
      let id = this.findContact.get(m.from.phone) as number | undefined;
      if (id === undefined) id = Number(this.insContact.run(m.from.phone, m.from.pushName ?? null).lastInsertRowid);
      const r = this.insMsg.run(id, m.externalId, m.type, m.body, m.sentAt);
      if (r.changes === 0) return;
      this.insFts.run(r.lastInsertRowid, m.body);
      this.bump.run(m.sentAt, id);
    };
    this.receiveBatch = this.db.transaction((msgs: InboundMessage[]) => msgs.forEach(one));
    this.receiveOne = this.db.transaction(one);
  }
}
