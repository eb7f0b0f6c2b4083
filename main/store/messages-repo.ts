import type { Db } from './db';
import { holdMessageIndex } from './fold';
import { stmt } from './statements';

export interface MessageRow {
  id: number;
  conversation_id: number;
  contact_id: number;
  external_id: string | null;
  direction: 'in' | 'out';
  type: string;
  body: string;
  author: 'customer' | 'staff' | 'bot' | 'system' | 'phone';
  status: 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  purpose: 'service' | 'marketing' | null;
  media_id: number | null;
  quarantined: number;
  error: string | null;
  extra: string | null;
  sent_at: number | null;
  created_at: number;
  media_mime: string | null;
  media_size: number | null;
  media_file_name: string | null;
  media_sha256: string | null;
  author_profile_id: number | null;
  author_name: string | null;
  quoted_message_id: number | null;
  /** The quoted message, when still visible. */
  quoted_body: string | null;
  quoted_type: string | null;
  quoted_direction: 'in' | 'out' | null;
  quoted_external_id: string | null;
}

export type NewMessage = Pick<MessageRow, 'direction' | 'type' | 'body' | 'author' | 'status'> & {
  conversationId: number;
  externalId?: string | null;
  purpose?: 'service' | 'marketing' | null;
  mediaId?: number | null;
  quarantined?: boolean;
  extra?: Record<string, unknown> | null;
  sentAt?: number | null;
  createdAt: number;
  authorProfileId?: number | null;
  authorName?: string | null;
  quotedMessageId?: number | null;
};

const SELECT = `
  SELECT m.*, v.contact_id, md.mime AS media_mime, md.size AS media_size, md.file_name AS media_file_name, md.sha256 AS media_sha256,
    q.body AS quoted_body, q.type AS quoted_type, q.direction AS quoted_direction, q.external_id AS quoted_external_id
  FROM messages m JOIN conversations v ON v.id = m.conversation_id
  LEFT JOIN media md ON md.id = m.media_id
  LEFT JOIN messages q ON q.id = m.quoted_message_id AND q.quarantined = 0`;

const INSERT = `
  INSERT INTO messages (conversation_id, external_id, direction, type, body, author, status, purpose,
    media_id, quarantined, extra, sent_at, created_at, author_profile_id, author_name, quoted_message_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** A page before a message id, newest first (exported for the query-plan tests). */
export const MESSAGE_PAGE_BEFORE = `${SELECT} WHERE m.conversation_id = ? AND m.quarantined = 0 AND m.id < ? ORDER BY m.id DESC LIMIT ?`;
/** The page after a message (a thread paged back pages forward again); exported for the plan test. */
export const MESSAGE_PAGE_AFTER = `${SELECT} WHERE m.conversation_id = ? AND m.quarantined = 0 AND m.id > ? ORDER BY m.id LIMIT ?`;

/**
 * The held-back messages, through their own partial index: on a database
 * without statistics (every shop's) SQLite otherwise walked every message
 * older than the cutoff by time (the sweep: 63 ms at a start with 100,000
 * messages) or the whole conversation by id (for ORDER BY id: 24 ms at
 * consent in a 100,000-message chat) to find the few held ones. Exported
 * for the plan tests.
 */
export const QUARANTINED_BEFORE = `SELECT m.id, m.media_id, v.contact_id
  FROM messages m INDEXED BY messages_quarantined JOIN conversations v ON v.id = m.conversation_id
  WHERE m.quarantined = 1 AND m.created_at <= ? LIMIT ?`;
export const QUARANTINED_IN = `SELECT id, direction FROM messages INDEXED BY messages_quarantined
  WHERE conversation_id = ? AND quarantined = 1 ORDER BY id`;

export class MessagesRepo {
  /** The ids inserted while insertsIndexedAtEnd holds the search index back. */
  private insertedWhileHeld: number[] | undefined;

  constructor(private readonly db: Db) {}

  byId(id: number): MessageRow | undefined {
    return stmt(this.db, `${SELECT} WHERE m.id = ?`).get(id) as MessageRow | undefined;
  }

  byExternalId(externalId: string): MessageRow | undefined {
    return stmt(this.db, `${SELECT} WHERE m.external_id = ?`).get(externalId) as MessageRow | undefined;
  }

  /** Whether a message with this messenger id is stored (the dedupe check: one index probe). */
  existsExternal(externalId: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM messages WHERE external_id = ?').pluck().get(externalId) !== undefined;
  }

  idByExternalId(externalId: string): number | undefined {
    return stmt(this.db, 'SELECT id FROM messages WHERE external_id = ?').pluck().get(externalId) as number | undefined;
  }

  /** Inserts; the triggers bump the conversation's summary row (recency, unread for visible inbound). */
  insert(m: NewMessage): MessageRow {
    const extra = m.extra ? JSON.stringify(m.extra) : null;
    const id = Number(
      stmt(this.db, INSERT).run(
        m.conversationId,
        m.externalId ?? null,
        m.direction,
        m.type,
        m.body,
        m.author,
        m.status,
        m.purpose ?? null,
        m.mediaId ?? null,
        m.quarantined ? 1 : 0,
        extra,
        m.sentAt ?? null,
        m.createdAt,
        m.authorProfileId ?? null,
        m.authorName ?? null,
        m.quotedMessageId ?? null,
      ).lastInsertRowid,
    );
    // The summary row (last message, unread, activity, preview, waiting) is kept by the insert triggers, in this transaction.
    this.insertedWhileHeld?.push(id);
    // A file or a quote needs the joined read.
    if (m.mediaId != null || m.quotedMessageId != null) return this.byId(id)!;
    // The row is what was just bound (no trigger changes a message's own row), so it is built here
    // rather than read back: INSERT ... RETURNING buffers its rows in a temporary table, 5-10 µs a
    // message. The property test "answers exactly what byId reads back" holds both to the same fields.
    return {
      id,
      conversation_id: m.conversationId,
      contact_id: stmt(this.db, 'SELECT contact_id FROM conversations WHERE id = ?').pluck().get(m.conversationId) as number,
      external_id: m.externalId ?? null,
      direction: m.direction,
      type: m.type,
      body: m.body,
      author: m.author,
      status: m.status,
      purpose: m.purpose ?? null,
      media_id: null,
      quarantined: m.quarantined ? 1 : 0,
      error: null,
      extra,
      sent_at: m.sentAt ?? null,
      created_at: m.createdAt,
      author_profile_id: m.authorProfileId ?? null,
      author_name: m.authorName ?? null,
      quoted_message_id: null,
      // What SELECT joins from the file and the quoted message: nothing here.
      media_mime: null,
      media_size: null,
      media_file_name: null,
      media_sha256: null,
      quoted_body: null,
      quoted_type: null,
      quoted_direction: null,
      quoted_external_id: null,
    };
  }

  /**
   * Runs fn, inside the caller's transaction, with the search entries of the
   * messages it inserts written in one statement at its end instead of one
   * per insert. FTS5 writes its pending terms to disk at every statement
   * savepoint, and each message's insert opens one (its triggers write
   * several rows): a batch of 500 wrote 500 one-message segments and merged
   * them again, a fifth of the batch's time. Only for inserts: fn must not
   * change the text of a message. When fn throws, nothing is indexed and the
   * caller must roll back.
   */
  insertsIndexedAtEnd<T>(fn: () => T): T {
    if (!this.db.inTransaction) throw new Error('insertsIndexedAtEnd needs a transaction');
    const hold = holdMessageIndex(this.db);
    const inserted: number[] = [];
    this.insertedWhileHeld = inserted;
    let result: T;
    try {
      result = fn();
    } finally {
      hold.release();
      this.insertedWhileHeld = undefined;
    }
    stmt(this.db, 'INSERT INTO messages_fts (rowid, body) SELECT m.id, tresen_fold(m.body) FROM json_each(?) j CROSS JOIN messages m ON m.id = j.value')
      .run(JSON.stringify(inserted));
    return result;
  }

  /** A page of what staff may see, oldest first: before `beforeId` (default: the newest), or after `afterId`. */
  page(conversationId: number, opts: { beforeId?: number; afterId?: number; limit: number }): MessageRow[] {
    if (opts.afterId !== undefined) {
      return stmt(this.db, MESSAGE_PAGE_AFTER).all(
        conversationId,
        opts.afterId,
        opts.limit,
      ) as MessageRow[];
    }
    const rows = stmt(this.db, MESSAGE_PAGE_BEFORE)
      .all(conversationId, opts.beforeId ?? Number.MAX_SAFE_INTEGER, opts.limit) as MessageRow[];
    return rows.reverse();
  }

  setStatus(id: number, status: MessageRow['status'], error: string | null = null): void {
    stmt(this.db, 'UPDATE messages SET status = ?, error = ? WHERE id = ?').run(status, error, id);
  }

  /** Acks only move forward (sent → delivered → read); a late 'sent' never undoes 'read'. */
  applyAck(externalId: string, status: MessageRow['status']): MessageRow | undefined {
    const rank: Record<MessageRow['status'], number> = {
      received: 0,
      queued: 1,
      failed: 2,
      sent: 3,
      delivered: 4,
      read: 5,
    };
    const row = this.byExternalId(externalId);
    if (!row || row.direction !== 'out') return undefined;
    if (status !== 'failed' && rank[status] <= rank[row.status]) return undefined;
    this.setStatus(row.id, status, status === 'failed' ? 'Der Messenger meldet einen Fehler beim Zustellen.' : null);
    return this.byId(row.id);
  }

  /** The sender changed the text: the new text is shown, `extra` keeps the earlier ones. */
  setEdited(id: number, body: string, extra: string): void {
    stmt(this.db, 'UPDATE messages SET body = ?, extra = ? WHERE id = ?').run(body, extra, id);
  }

  /** Deleted for everyone: text, file reference and details go; the row stays as the marker `extra`. */
  erase(id: number, extra: string): void {
    stmt(this.db, "UPDATE messages SET body = '', media_id = NULL, extra = ? WHERE id = ?").run(extra, id);
  }

  setExternalId(id: number, externalId: string): void {
    stmt(this.db, 'UPDATE messages SET external_id = ? WHERE id = ?').run(externalId, id);
  }

  markRead(conversationId: number): void {
    stmt(this.db, 'UPDATE conversations SET unread = 0 WHERE id = ?').run(conversationId);
  }

  conversationIdOf(contactId: number): number | undefined {
    return (
      stmt(this.db, 'SELECT id FROM conversations WHERE contact_id = ?').get(contactId) as { id: number } | undefined
    )?.id;
  }
  // ---- quarantine (messages held back until consent) ----

  /** Held-back messages written at or before `cutoff`, with their contact; at most `limit` (-1: all). */
  quarantinedBefore(cutoff: number, limit = -1): { id: number; media_id: number | null; contact_id: number }[] {
    return stmt(this.db, QUARANTINED_BEFORE).all(cutoff, limit) as { id: number; media_id: number | null; contact_id: number }[];
  }

  deleteById(id: number): void {
    stmt(this.db, 'DELETE FROM messages WHERE id = ?').run(id);
  }

  /** The held-back messages of a conversation, oldest first. */
  quarantinedIn(conversationId: number): { id: number; direction: string }[] {
    return stmt(this.db, QUARANTINED_IN).all(conversationId) as { id: number; direction: string }[];
  }

  /** Consent came: every held-back message becomes visible, the inbound ones count as unread. */
  releaseQuarantine(conversationId: number, unreadInbound: number): void {
    stmt(this.db, 'UPDATE messages SET quarantined = 0 WHERE conversation_id = ? AND quarantined = 1').run(conversationId);
    stmt(this.db, 'UPDATE conversations SET unread = unread + ? WHERE id = ?').run(unreadInbound, conversationId);
  }
}
