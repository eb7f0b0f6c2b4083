import type { Db } from './db';
import { stmt } from './statements';

/** What an erasure touched (counts), for the caller's log and answer. */
export interface ErasedCounts {
  messages: number;
  notes: number;
  cases: number;
  consentEvents: number;
}

export interface RetentionCandidate {
  contact_id: number;
  phone: string;
  name: string | null;
  push_name: string | null;
}

/**
 * Erasure, tombstones, legal holds, retention and export reads. Every table
 * that holds something about a person is named here (see migrations): the
 * contact cascades to its addresses, conversation, messages (FTS by trigger),
 * notes, labels, bot memory, outbox and announcement rows; cases are joined
 * by phone; consent proof keeps only a stub.
 */
export class ComplianceRepo {
  constructor(private readonly db: Db) {}

  // ---- tombstones ----

  addTombstone(hash: string, at: number): void {
    stmt(this.db, 'INSERT OR IGNORE INTO tombstones (hash, erased_at) VALUES (?, ?)').run(hash, at);
  }

  isTombstoned(hash: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM tombstones WHERE hash = ?').get(hash) !== undefined;
  }

  // ---- legal hold ----

  setLegalHold(contactId: number, at: number | null, reason: string | null): boolean {
    return stmt(this.db, 'UPDATE contacts SET legal_hold_at = ?, legal_hold_reason = ? WHERE id = ?').run(at, reason, contactId).changes > 0;
  }

  legalHold(contactId: number): { at: number; reason: string | null } | null {
    const row = stmt(this.db, 'SELECT legal_hold_at AS at, legal_hold_reason AS reason FROM contacts WHERE id = ?').get(contactId) as
      | { at: number | null; reason: string | null }
      | undefined;
    return row?.at != null ? { at: row.at, reason: row.reason } : null;
  }

  // ---- erasure ----

  /** Content hashes of every file the contact's messages and the number's cases reference. */
  mediaShas(contactId: number | null, phone: string): string[] {
    return (
      stmt(this.db,
        `SELECT d.sha256 FROM media d JOIN messages m ON m.media_id = d.id JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = ?
         UNION SELECT d.sha256 FROM media d JOIN case_links l ON l.media_id = d.id JOIN cases c ON c.id = l.case_id WHERE c.phone = ?`,
      ).all(contactId ?? -1, phone) as { sha256: string }[]
    ).map((r) => r.sha256);
  }

  /**
   * Deletes everything about one person in the caller's transaction. The
   * consent events stay as stubs (unlinked, personal fields deleted).
   * `chatIds` are the messenger ids they wrote from (the bridge's own rows).
   */
  erase(contactId: number | null, phone: string, chatIds: readonly string[]): ErasedCounts {
    const id = contactId ?? -1;
    const counts: ErasedCounts = {
      messages: ((stmt(this.db, 'SELECT count(*) AS n FROM messages m JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = ?').get(id) as { n: number } | undefined)?.n ?? 0),
      notes: ((stmt(this.db, 'SELECT count(*) AS n FROM notes n JOIN conversations v ON v.id = n.conversation_id WHERE v.contact_id = ?').get(id) as { n: number } | undefined)?.n ?? 0),
      cases: 0,
      consentEvents: 0,
    };
    const conversationId = (stmt(this.db, 'SELECT id AS n FROM conversations WHERE contact_id = ?').get(id) as { n: number } | undefined)?.n;
    const eventIds = (stmt(this.db, 'SELECT id AS n FROM consent_events WHERE contact_id = ?').all(id) as { n: number }[]).map((r) => r.n);
    counts.consentEvents = eventIds.length;
    // First answers kept for repeated sends hold the message (its text) under the contact's id.
    stmt(this.db,
      `DELETE FROM idempotency_keys WHERE json_valid(result) AND json_type(result) = 'object' AND json_extract(result, '$.contactId') = ?`,
    ).run(id);
    if (conversationId !== undefined) stmt(this.db, `DELETE FROM jobs WHERE key = ?`).run(`snooze:${conversationId}`);
    // Messages first (their FTS rows go by trigger), then the contact with everything that cascades.
    stmt(this.db, 'DELETE FROM messages WHERE conversation_id = ?').run(conversationId ?? -1);
    stmt(this.db, 'UPDATE consent_events SET contact_id = NULL WHERE contact_id = ?').run(id);
    stmt(this.db, 'DELETE FROM consent_notices WHERE contact_id = ?').run(id);
    stmt(this.db, 'DELETE FROM contacts WHERE id = ?').run(id);
    stmt(this.db, 'DELETE FROM consent_event_personal WHERE contact_id = ?').run(id);
    stmt(this.db, 'DELETE FROM consent_event_details WHERE event_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(eventIds));
    counts.cases = stmt(this.db, 'DELETE FROM cases WHERE phone = ?').run(phone).changes;
    const digits = phone.replace(/[^\d]/g, '');
    for (const chatId of chatIds) {
      stmt(this.db, 'DELETE FROM wa_sent WHERE chat_id = ?').run(chatId);
      stmt(this.db, 'DELETE FROM wa_media_retry WHERE chat_id = ?').run(chatId);
    }
    if (digits) {
      stmt(this.db, `DELETE FROM wa_sent WHERE chat_id GLOB ?`).run(`${digits}@*`);
      stmt(this.db, `DELETE FROM wa_media_retry WHERE chat_id GLOB ?`).run(`${digits}@*`);
    }
    return counts;
  }

  /** After deletions: rewrite the FTS index segments and move the WAL into the database file, then empty it. */
  flush(): void {
    this.db.exec(`INSERT INTO messages_fts(messages_fts) VALUES ('optimize'); INSERT INTO contact_fts(contact_fts) VALUES ('optimize');`);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  // ---- retention ----

  /** Contacts whose chat content (messages, notes) older than `before` would be deleted, with how many messages. */
  oldContent(before: number): (RetentionCandidate & { n: number })[] {
    return stmt(this.db,
      `SELECT c.id AS contact_id, c.phone, c.name, c.push_name, count(*) AS n FROM messages m
         JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id
       WHERE m.created_at < ? AND c.legal_hold_at IS NULL GROUP BY c.id ORDER BY c.id`,
    ).all(before) as (RetentionCandidate & { n: number })[];
  }

  deleteOldContent(before: number): { messages: number; notes: number } {
    const held = `(SELECT v.id FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE c.legal_hold_at IS NOT NULL)`;
    const messages = stmt(this.db, `DELETE FROM messages WHERE created_at < ? AND conversation_id NOT IN ${held}`).run(before).changes;
    const notes = stmt(this.db, `DELETE FROM notes WHERE created_at < ? AND conversation_id NOT IN ${held}`).run(before).changes;
    return { messages, notes };
  }

  /** Deletes a contact's chat content (messages, notes); returns the counts and the files they referenced. */
  deleteContentOf(contactId: number): { messages: number; notes: number; shas: string[] } {
    const shas = (
      stmt(this.db,
        `SELECT DISTINCT d.sha256 FROM media d JOIN messages m ON m.media_id = d.id JOIN conversations v ON v.id = m.conversation_id
         WHERE v.contact_id = ?`,
      ).all(contactId) as { sha256: string }[]
    ).map((r) => r.sha256);
    const conv = `(SELECT id FROM conversations WHERE contact_id = ?)`;
    const messages = stmt(this.db, `DELETE FROM messages WHERE conversation_id IN ${conv}`).run(contactId).changes;
    const notes = stmt(this.db, `DELETE FROM notes WHERE conversation_id IN ${conv}`).run(contactId).changes;
    return { messages, notes, shas };
  }

  /** How many messages a contact has (0: nothing left to delete). */
  messageCount(contactId: number): number {
    return (stmt(this.db, 'SELECT count(*) AS n FROM messages m JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = ?').get(contactId) as { n: number } | undefined)?.n ?? 0;
  }

  heldCount(): number {
    return (stmt(this.db, 'SELECT count(*) AS n FROM contacts WHERE legal_hold_at IS NOT NULL').get() as { n: number } | undefined)?.n ?? 0;
  }

  /** Messages with a file older than `before` (not under legal hold): the files the media period removes. */
  oldMedia(before: number): (RetentionCandidate & { n: number })[] {
    return stmt(this.db,
      `SELECT c.id AS contact_id, c.phone, c.name, c.push_name, count(*) AS n FROM messages m
         JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id
       WHERE m.media_id IS NOT NULL AND m.created_at < ? AND c.legal_hold_at IS NULL GROUP BY c.id ORDER BY c.id`,
    ).all(before) as (RetentionCandidate & { n: number })[];
  }

  /** Unlinks old files from their messages; returns the content hashes that may now be unreferenced. */
  detachOldMedia(before: number): string[] {
    const held = `(SELECT v.id FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE c.legal_hold_at IS NOT NULL)`;
    const shas = (
      stmt(this.db,
        `SELECT DISTINCT d.sha256 FROM messages m JOIN media d ON d.id = m.media_id
         WHERE m.created_at < ? AND m.conversation_id NOT IN ${held}`,
      ).all(before) as { sha256: string }[]
    ).map((r) => r.sha256);
    stmt(this.db, `UPDATE messages SET media_id = NULL WHERE media_id IS NOT NULL AND created_at < ? AND conversation_id NOT IN ${held}`).run(before);
    return shas;
  }

  /** Contacts that never granted service consent and were last active before `before`. */
  stalePending(before: number): RetentionCandidate[] {
    return stmt(this.db,
      `SELECT c.id AS contact_id, c.phone, c.name, c.push_name FROM contacts c JOIN conversations v ON v.contact_id = c.id
       WHERE v.service_state IN ('none', 'requested', 'expired') AND v.last_activity_at < ? AND c.created_at < ?
         AND c.legal_hold_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM consent_events e WHERE e.contact_id = c.id AND e.to_state = 'granted')
       ORDER BY c.id`,
    ).all(before, before) as RetentionCandidate[];
  }

  /** Contacts whose service consent is revoked and whose last event is older than `before`. */
  revokedBefore(before: number): RetentionCandidate[] {
    return stmt(this.db,
      `SELECT c.id AS contact_id, c.phone, c.name, c.push_name FROM contacts c JOIN conversations v ON v.contact_id = c.id
       WHERE v.service_state = 'revoked' AND v.marketing_state <> 'granted' AND c.legal_hold_at IS NULL
         AND (SELECT max(e.at) FROM consent_events e INDEXED BY consent_events_contact WHERE e.contact_id = c.id) < ?
       ORDER BY c.id`,
    ).all(before) as RetentionCandidate[];
  }

  // ---- exports ----

  /** Contacts whose consent for the purpose is granted, oldest first. */
  consented(purpose: 'service' | 'marketing'): {
    id: number;
    phone: string;
    name: string | null;
    push_name: string | null;
    locale: string | null;
    created_at: number;
    service_state: string;
    marketing_state: string;
    last_activity_at: number;
    since: number | null;
  }[] {
    const col = purpose === 'service' ? 'service_state' : 'marketing_state';
    return stmt(this.db,
      `SELECT c.id, c.phone, c.name, c.push_name, c.locale, c.created_at, v.service_state, v.marketing_state, v.last_activity_at,
         (SELECT max(e.at) FROM consent_events e INDEXED BY consent_events_contact WHERE e.contact_id = c.id AND e.purpose = '${purpose}') AS since
       FROM contacts c JOIN conversations v ON v.contact_id = c.id WHERE v.${col} = 'granted' ORDER BY c.id`,
    ).all() as ReturnType<ComplianceRepo['consented']>;
  }

  messagesOf(contactId: number): {
    id: number;
    direction: string;
    type: string;
    body: string;
    author: string;
    author_name: string | null;
    status: string;
    purpose: string | null;
    quarantined: number;
    created_at: number;
    sha256: string | null;
    mime: string | null;
    size: number | null;
    file_name: string | null;
  }[] {
    return stmt(this.db,
      `SELECT m.id, m.direction, m.type, m.body, m.author, m.author_name, m.status, m.purpose, m.quarantined, m.created_at,
         d.sha256, d.mime, d.size, d.file_name
       FROM messages m JOIN conversations v ON v.id = m.conversation_id LEFT JOIN media d ON d.id = m.media_id
       WHERE v.contact_id = ? ORDER BY m.id`,
    ).all(contactId) as ReturnType<ComplianceRepo['messagesOf']>;
  }

  notesOf(contactId: number): { id: number; author_name: string; body: string; created_at: number }[] {
    return stmt(this.db,
      `SELECT n.id, n.author_name, n.body, n.created_at FROM notes n JOIN conversations v ON v.id = n.conversation_id
       WHERE v.contact_id = ? ORDER BY n.id`,
    ).all(contactId) as ReturnType<ComplianceRepo['notesOf']>;
  }

  casesOf(phone: string): { id: string; number: string; type: string; status: string; title: string; reference: string | null; created_at: number; updated_at: number; history: string }[] {
    return stmt(this.db,
      `SELECT c.id, c.number, c.type, c.status, c.title, c.reference, c.created_at, c.updated_at,
         (SELECT json_group_array(json_object('at', h.at, 'from', h.from_status, 'to', h.to_status, 'note', h.note))
            FROM case_history h WHERE h.case_id = c.id) AS history
       FROM cases c WHERE c.phone = ? ORDER BY c.created_at`,
    ).all(phone) as ReturnType<ComplianceRepo['casesOf']>;
  }

  /** Every number the database knows (contacts and cases). */
  knownPhones(): string[] {
    return (stmt(this.db, 'SELECT phone AS n FROM contacts UNION SELECT phone AS n FROM cases').all() as { n: string }[]).map((r) => r.n);
  }

  hasCases(phone: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM cases WHERE phone = ? LIMIT 1').get(phone) !== undefined;
  }
}
