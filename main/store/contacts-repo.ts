import { ConversationStatus } from '../contract/models';
import type { Db } from './db';
import { phoneQueryDigits, toFoldedFtsQuery } from './fold';
import { expandLastPrefix } from './prefix-terms';
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

/** Contact list row: contact + its conversation's summary row + consent. */
export interface ContactListRow extends ContactRow {
  conversation_id: number;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  unread: number;
  last_message_at: number | null;
  last_activity_at: number;
  waiting_since: number | null;
  snooze_until: number | null;
  assignee_id: number | null;
  preview_message_id: number | null;
  preview: string | null;
  preview_type: string | null;
  preview_author: string | null;
  preview_author_name: string | null;
  /** JSON array of {id, name, color}. */
  labels_json: string;
  quarantined: number;
  quarantined_since: number | null;
  service_state: string | null;
  service_at: number | null;
  marketing_state: string | null;
  marketing_at: number | null;
}

// The conversation row is the denormalized summary (kept by triggers), consent
// state and "since" included (migration 023); the preview is one primary-key
// lookup.
export const LIST_SELECT = `
  SELECT c.*, v.id AS conversation_id, v.status, v.unread, v.last_message_at, v.last_activity_at, v.waiting_since,
    v.snooze_until, v.assignee_id, v.preview_message_id,
    lm.body AS preview, lm.type AS preview_type, lm.author AS preview_author, lm.author_name AS preview_author_name,
    (SELECT json_group_array(json_object('id', l.id, 'name', l.name, 'color', l.color))
       FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = v.id) AS labels_json,
    (SELECT count(*) FROM messages m WHERE m.conversation_id = v.id AND m.quarantined = 1) AS quarantined,
    (SELECT min(created_at) FROM messages m WHERE m.conversation_id = v.id AND m.quarantined = 1) AS quarantined_since,
    v.service_state, v.service_at, v.marketing_state, v.marketing_at
  FROM contacts c JOIN conversations v ON v.contact_id = c.id
  LEFT JOIN messages lm ON lm.id = v.preview_message_id`;

/**
 * An inbound message's sender and conversation by messenger address
 * (exported for the plan tests): only what the inbound path reads, since
 * every further column is a value to copy for every message (11 → 7 µs).
 */
export const CONTACT_BY_CHAT_ID = `SELECT c.id, c.push_name, v.id AS conversation_id FROM contact_addresses a
  JOIN contacts c ON c.id = a.contact_id JOIN conversations v ON v.contact_id = c.id WHERE a.chat_id = ?`;

/** What the inbound path knows of a sender: who it is, the name the messenger last gave, the conversation. */
export type InboundSender = Pick<ContactRow, 'id' | 'push_name'>;

/** Rows per keyset page when contacts.list reads the whole book. */
const LIST_PAGE = 500;

export class ContactsRepo {
  constructor(private readonly db: Db) {}

  byId(id: number): ContactRow | undefined {
    return stmt(this.db, 'SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  }

  byPhone(phone: string): ContactRow | undefined {
    return stmt(this.db, 'SELECT * FROM contacts WHERE phone = ?').get(phone) as ContactRow | undefined;
  }

  /** The contact behind a messenger address, with its conversation: the one lookup an inbound message needs. */
  withConversationByChatId(chatId: string): (InboundSender & { conversation_id: number }) | undefined {
    return stmt(this.db, CONTACT_BY_CHAT_ID).get(chatId) as (InboundSender & { conversation_id: number }) | undefined;
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

  /** Rows for these conversation ids, in the given order. */
  rowsForConversations(ids: readonly number[]): ContactListRow[] {
    if (ids.length === 0) return [];
    const rows = stmt(this.db, ROWS_BY_IDS).all(JSON.stringify(ids)) as ContactListRow[];
    const byId = new Map(rows.map((r) => [r.conversation_id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is ContactListRow => r !== undefined);
  }

  /** Rows for these contact ids (any order; unknown ids are left out). */
  rowsForContacts(ids: readonly number[]): ContactListRow[] {
    if (ids.length === 0) return [];
    return stmt(this.db, ROWS_BY_CONTACT_IDS).all(JSON.stringify(ids)) as ContactListRow[];
  }

  /**
   * The whole book, most recent activity first, one keyset page at a time. A
   * search matches folded names, every form of a number and message text.
   */
  page(opts: { search?: string; after?: [number, number]; limit: number }): ContactListRow[] {
    const [t, id] = opts.after ?? [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    const match = searchMatch(opts.search, this.db);
    const ids = match
      ? (stmt(this.db, BOOK_SEARCH_PAGE).pluck().all({ ...match, t, id, limit: opts.limit }) as number[])
      : (stmt(this.db, BOOK_PAGE).pluck().all({ t, id, limit: opts.limit }) as number[]);
    return this.rowsForConversations(ids);
  }

  /**
   * contacts.list, which answers a plain array: `limit` rows, or without a
   * limit the whole book, read one keyset page at a time (no cap, no OFFSET).
   */
  list(opts: { search?: string; limit?: number }): ContactListRow[] {
    if (opts.limit !== undefined) return this.page({ search: opts.search, limit: opts.limit });
    const all: ContactListRow[] = [];
    let after: [number, number] | undefined;
    for (;;) {
      const rows = this.page({ search: opts.search, after, limit: LIST_PAGE });
      all.push(...rows);
      if (rows.length < LIST_PAGE) return all;
      const last = rows[rows.length - 1]!;
      after = [last.last_activity_at, last.conversation_id];
    }
  }
}

/**
 * LIST_SELECT for a page of conversation ids (a JSON array): driven from the
 * ids (CROSS JOIN fixes the order), so filling a page costs its rows, never a
 * walk over every conversation.
 */
export const ROWS_BY_IDS = LIST_SELECT.replace(
  'FROM contacts c JOIN conversations v ON v.contact_id = c.id',
  'FROM json_each(?) j CROSS JOIN conversations v ON v.id = j.value CROSS JOIN contacts c ON c.id = v.contact_id',
);

/** LIST_SELECT for a JSON array of contact ids, driven from the ids like ROWS_BY_IDS. */
export const ROWS_BY_CONTACT_IDS = LIST_SELECT.replace(
  'FROM contacts c JOIN conversations v ON v.contact_id = c.id',
  'FROM json_each(?) j CROSS JOIN contacts c ON c.id = j.value CROSS JOIN conversations v ON v.contact_id = c.id',
);

/** How many of the newest matching messages narrow the conversation list (see MATCHING_CONVERSATIONS). */
export const MESSAGE_HIT_WINDOW = 2_000;

/**
 * Conversation ids whose contact matches (names, numbers; the whole book) or
 * that hold one of the newest MESSAGE_HIT_WINDOW matching visible messages.
 * The window keeps a common word ("Termin" in a tenth of a million messages)
 * from costing a walk over every hit; the message hits list
 * (InboxRepo.searchMessages) pages through all of them. UNION ALL: an IN
 * list needs no de-duplicating sort. Named parameters: @contacts and
 * @messages, the FTS queries from searchMatch().
 */
export const MATCHING_CONVERSATIONS = `
  SELECT x.id FROM conversations x WHERE x.contact_id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH @contacts)
  UNION ALL
  SELECT m.conversation_id FROM (SELECT rowid AS id FROM messages_fts WHERE messages_fts MATCH @messages ORDER BY rowid DESC LIMIT ${MESSAGE_HIT_WINDOW}) h
    CROSS JOIN messages m ON m.id = h.id WHERE m.quarantined = 0`;

/**
 * The whole book newest first, one keyset page (@t, @id, @limit): the
 * newest of each status's activity order (conversations_activity), merged.
 * A book-wide activity index would be moved by every message besides the
 * status's own, for a list asked far less often than messages arrive.
 * `filter` narrows each status's walk (the search's hits).
 */
function newestOfEveryStatus(filter = ''): string {
  const perStatus = ConversationStatus.options.map(
    (status) => `SELECT * FROM (SELECT v.id, v.last_activity_at AS t FROM conversations v INDEXED BY conversations_activity
      WHERE v.status = '${status}' AND (v.last_activity_at, v.id) < (@t, @id)${filter}
      ORDER BY v.last_activity_at DESC, v.id DESC LIMIT @limit)`,
  );
  return `SELECT id FROM (${perStatus.join(' UNION ALL ')}) ORDER BY t DESC, id DESC LIMIT @limit`;
}

/** A page of the book (exported for the query-plan tests). */
export const BOOK_PAGE = newestOfEveryStatus();
/** A page of the book's search hits: the hits found once, each status's order walked through them (exported for the plan tests). */
export const BOOK_SEARCH_PAGE = `WITH hits(id) AS MATERIALIZED (${MATCHING_CONVERSATIONS})
  ${newestOfEveryStatus(' AND v.id IN hits')}`;


/**
 * The two FTS queries for a search text, or undefined when nothing is
 * searchable. With the connection, the message query's typed prefix becomes
 * the index terms it stands for (expandLastPrefix: same hits, read lazily).
 */
export function searchMatch(search: string | undefined, db?: Db): { contacts: string; messages: string } | undefined {
  const q = search?.trim();
  if (!q) return undefined;
  const expand = (query: string) => (db ? expandLastPrefix(db, query) : query);
  const digits = phoneQueryDigits(q);
  if (digits) return { contacts: `"${digits}"*`, messages: expand(`"${digits}"*`) };
  const words = toFoldedFtsQuery(q);
  if (!words) return undefined;
  return { contacts: words, messages: expand(toFoldedFtsQuery(q, 'last')) };
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
