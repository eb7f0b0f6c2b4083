import type { Db } from './db';
import { stmt } from './statements';

export interface ContactRow {
  id: number;
  phone: string;
  name: string | null;
  push_name: string | null;
  created_at: number;
  updated_at: number;
  /** The language the customer answered in (null: the shop's default). */
  locale?: 'de' | 'en' | null;
  /** When the customer asked for NEWSLETTER before service consent (null: no open wish). */
  marketing_wish_at?: number | null;
  /** A longer message mentioned a stop word: staff should look (null: nothing open). */
  revocation_review_at?: number | null;
  revocation_review_text?: string | null;
}

/** Contact list row: contact + conversation + derived consent and preview. */
export interface ContactListRow extends ContactRow {
  status: 'open' | 'waiting' | 'closed';
  unread: number;
  last_message_at: number | null;
  preview: string | null;
  preview_type: string | null;
  quarantined: number;
  quarantined_since: number | null;
  service_state: string | null;
  service_at: number | null;
  marketing_state: string | null;
  marketing_at: number | null;
}

// Each "latest" is one index seek (max id), then a primary-key join: cheaper
// than a correlated subquery per column.
const LIST_SELECT = `
  SELECT c.*, v.status, v.unread, v.last_message_at,
    lm.body AS preview, lm.type AS preview_type,
    (SELECT count(*) FROM messages m WHERE m.conversation_id = v.id AND m.quarantined = 1) AS quarantined,
    (SELECT min(created_at) FROM messages m WHERE m.conversation_id = v.id AND m.quarantined = 1) AS quarantined_since,
    se.to_state AS service_state, se.at AS service_at,
    me.to_state AS marketing_state, me.at AS marketing_at
  FROM contacts c JOIN conversations v ON v.contact_id = c.id
  LEFT JOIN messages lm ON lm.id =
    (SELECT max(m.id) FROM messages m WHERE m.conversation_id = v.id AND m.quarantined = 0)
  LEFT JOIN consent_events se ON se.id =
    (SELECT max(e.id) FROM consent_events e WHERE e.contact_id = c.id AND e.purpose = 'service')
  LEFT JOIN consent_events me ON me.id =
    (SELECT max(e.id) FROM consent_events e WHERE e.contact_id = c.id AND e.purpose = 'marketing')`;

export class ContactsRepo {
  constructor(private readonly db: Db) {}

  byId(id: number): ContactRow | undefined {
    return stmt(this.db, 'SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  }

  byPhone(phone: string): ContactRow | undefined {
    return stmt(this.db, 'SELECT * FROM contacts WHERE phone = ?').get(phone) as ContactRow | undefined;
  }

  byChatId(chatId: string): ContactRow | undefined {
    return stmt(this.db, 'SELECT c.* FROM contacts c JOIN contact_addresses a ON a.contact_id = c.id WHERE a.chat_id = ?')
      .get(chatId) as ContactRow | undefined;
  }

  /** Creates the contact and its conversation in one step. */
  create(phone: string, now: number, pushName: string | null = null): ContactRow {
    const id = stmt(this.db, 'INSERT INTO contacts (phone, push_name, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(phone, pushName, now, now).lastInsertRowid as number;
    stmt(this.db, 'INSERT INTO conversations (contact_id) VALUES (?)').run(id);
    return this.byId(id)!;
  }

  addAddress(contactId: number, chatId: string): void {
    stmt(this.db, 'INSERT OR IGNORE INTO contact_addresses (chat_id, contact_id) VALUES (?, ?)').run(chatId, contactId);
  }

  addresses(contactId: number): string[] {
    return (
      stmt(this.db, 'SELECT chat_id FROM contact_addresses WHERE contact_id = ? ORDER BY rowid').all(contactId) as {
        chat_id: string;
      }[]
    ).map((r) => r.chat_id);
  }

  setName(id: number, name: string | null, now: number): void {
    stmt(this.db, 'UPDATE contacts SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
  }

  setPushName(id: number, pushName: string, now: number): void {
    stmt(this.db, 'UPDATE contacts SET push_name = ?, updated_at = ? WHERE id = ? AND push_name IS NOT ?')
      .run(pushName, now, id, pushName);
  }

  setLocale(id: number, locale: 'de' | 'en' | null, now: number): void {
    stmt(this.db, 'UPDATE contacts SET locale = ?, updated_at = ? WHERE id = ?').run(locale, now, id);
  }

  setMarketingWish(id: number, at: number | null): void {
    stmt(this.db, 'UPDATE contacts SET marketing_wish_at = ? WHERE id = ?').run(at, id);
  }

  setRevocationReview(id: number, at: number | null, text: string | null): void {
    stmt(this.db, 'UPDATE contacts SET revocation_review_at = ?, revocation_review_text = ? WHERE id = ?').run(at, text, id);
  }

  listRow(id: number): ContactListRow | undefined {
    return stmt(this.db, `${LIST_SELECT} WHERE c.id = ?`).get(id) as ContactListRow | undefined;
  }

  /**
   * Most recent conversation first. A search matches name/phone directly and
   * message text through FTS5 (only messages staff may see).
   */
  list(opts: { search?: string; limit: number }): ContactListRow[] {
    const search = opts.search?.trim();
    let where = '';
    let params: unknown[] = [];
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const digits = search.replace(/[^\d]/g, '');
      const fts = toFtsQuery(search);
      where = `WHERE c.name LIKE ? ESCAPE '\\' OR c.push_name LIKE ? ESCAPE '\\'
            OR (? <> '' AND c.phone LIKE '%' || ? || '%')
            OR (? <> '' AND v.id IN (
                 SELECT m.conversation_id FROM messages_fts f JOIN messages m ON m.id = f.rowid
                 WHERE messages_fts MATCH ? AND m.quarantined = 0))`;
      params = [like, like, digits, digits, fts, fts];
    }
    // Pick and order the page first, then compute previews and consent for its rows only.
    return stmt(this.db,
        `${LIST_SELECT}
         JOIN (SELECT c.id AS cid, coalesce(v.last_message_at, c.created_at) AS recency
               FROM contacts c JOIN conversations v ON v.contact_id = c.id
               ${where}
               ORDER BY recency DESC, c.id DESC LIMIT ?) page ON page.cid = c.id
         ORDER BY page.recency DESC, c.id DESC`,
      )
      .all(...params, opts.limit) as ContactListRow[];
  }
}

/** Turns free text into a safe FTS5 prefix query ("fahr rad" → "fahr"* "rad"*). */
export function toFtsQuery(text: string): string {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter((w) => w.length > 0)
    .map((w) => `"${w}"*`)
    .join(' ');
}
