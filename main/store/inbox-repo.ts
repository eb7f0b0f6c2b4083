import type { ConsentState, ConversationStatus, InboxOrder } from '../contract';
import { LIST_SELECT, MATCHING_CONVERSATIONS, ROWS_BY_IDS, searchMatch, type ContactListRow } from './contacts-repo';
import type { KeysetPosition } from './cursor';
import type { Db } from './db';
import { stmt } from './statements';

/**
 * A search with at most this many matching contacts and messages together
 * has its conversations looked up by key and sorted (about a millisecond at
 * most); with more, walking the view's order meets a page of them soon. The
 * walk's cost grows with the open conversations per match.
 */
export const FEW_MATCHES = 500;
/**
 * At most how many conversations a search can match, from the two FTS
 * indexes alone (no row is read): the matching contacts plus the matching
 * messages, each counted up to one more than FEW_MATCHES, where a common
 * word stops. Exported for the plan tests.
 */
export const MATCHES_AT_MOST = `SELECT
  (SELECT count(*) FROM (SELECT 1 FROM contact_fts WHERE contact_fts MATCH @contacts LIMIT ${FEW_MATCHES + 1})) +
  (SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH @messages LIMIT ${FEW_MATCHES + 1})) AS n`;
/** The matching conversations, each once (exported for the plan tests). */
export const MATCHING_CONVERSATION_IDS = `SELECT DISTINCT id FROM (${MATCHING_CONVERSATIONS})`;

/** Sort key of "no waiting" in the waiting order (the generated column waiting_key). */
export const NOT_WAITING = 9007199254740991;

/** Which conversations a page shows; every filter is one status plus at most one dimension. */
export interface InboxFilter {
  status: ConversationStatus;
  /** A profile id, or null for unassigned; undefined = anyone. */
  assigneeId?: number | null;
  serviceState?: ConsentState;
  labelId?: number;
  /** Only conversations where a customer waits for an answer. */
  waitingOnly?: boolean;
  search?: string;
}

export interface LabelRow {
  id: number;
  name: string;
  color: string;
  created_at: number;
}

export interface NoteRow {
  id: number;
  conversation_id: number;
  contact_id: number;
  author_profile_id: number | null;
  author_name: string;
  body: string;
  created_at: number;
}

export interface MessageHitRow {
  id: number;
  contact_id: number;
  phone: string;
  name: string | null;
  push_name: string | null;
  direction: 'in' | 'out';
  author: 'customer' | 'staff' | 'bot' | 'system' | 'phone';
  body: string;
  created_at: number;
}

/**
 * The inbox's queries on the conversation summary rows. Each page is one
 * keyset range scan on the index of its view and order (no OFFSET); the rows
 * are then filled in by primary key.
 */
export class InboxRepo {
  constructor(private readonly db: Db) {}

  /** The SQL and parameters of one page's id query (exported for the query-plan tests). */
  pageQuery(filter: InboxFilter, order: InboxOrder, after: KeysetPosition | undefined, limit: number): { sql: string; params: Record<string, unknown> } {
    const where: string[] = ['v.status = @status'];
    const params: Record<string, unknown> = { status: filter.status, limit };
    const match = searchMatch(filter.search, this.db);
    if (filter.search !== undefined && filter.search.trim() !== '' && !match) where.push('0');
    const few = match && this.fewMatches(match);
    let from = 'conversations v';
    if (few) {
      // Few matches: looked up by key and sorted. Walking the view's order instead probes every
      // open conversation for a page of matches that is not there (3.8 of 5 ms for one order
      // number at 20,000 open conversations).
      from = 'json_each(@hits) h CROSS JOIN conversations v ON v.id = h.value';
      params.hits = JSON.stringify(few);
    } else if (match) {
      // Many: the view's order walked, each row probed in the matches, until a page is full.
      where.push(`v.id IN (${MATCHING_CONVERSATIONS})`);
      Object.assign(params, match);
    }
    if (filter.labelId !== undefined) {
      params.labelId = filter.labelId;
      if (few) where.push('EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.label_id = @labelId AND cl.conversation_id = v.id)');
      else {
        // Label members first (bounded by the label's size), then sorted: never a walk over all open conversations.
        from = 'conversation_labels cl CROSS JOIN conversations v ON v.id = cl.conversation_id';
        where.push('cl.label_id = @labelId');
      }
    }
    if (filter.assigneeId === null) where.push('v.assignee_id IS NULL');
    else if (filter.assigneeId !== undefined) {
      where.push('v.assignee_id = @assigneeId');
      params.assigneeId = filter.assigneeId;
    }
    if (filter.serviceState !== undefined) {
      where.push('v.service_state = @serviceState');
      params.serviceState = filter.serviceState;
    }
    if (filter.waitingOnly) where.push(`v.waiting_key < ${NOT_WAITING}`);
    let orderBy: string;
    if (order === 'activity') {
      const [t, id] = after ?? [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      where.push('(v.last_activity_at, v.id) < (@k, @id)');
      Object.assign(params, { k: t, id });
      orderBy = 'v.last_activity_at DESC, v.id DESC';
    } else {
      const [k, id] = after ?? [-1, -1];
      where.push('(v.waiting_key, v.id) > (@k, @id)');
      Object.assign(params, { k, id });
      orderBy = 'v.waiting_key, v.id';
    }
    return { sql: `SELECT v.id, v.last_activity_at, v.waiting_key FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT @limit`, params };
  }

  /** The conversations a search matches when they can be at most FEW_MATCHES, else undefined. */
  private fewMatches(match: { contacts: string; messages: string }): number[] | undefined {
    if ((stmt(this.db, MATCHES_AT_MOST).get(match) as { n: number }).n > FEW_MATCHES) return undefined;
    return (stmt(this.db, MATCHING_CONVERSATION_IDS).all(match) as { id: number }[]).map((r) => r.id);
  }

  /** One page of a view: rows and the keyset position after the last one. */
  page(filter: InboxFilter, order: InboxOrder, after: KeysetPosition | undefined, limit: number): { rows: ContactListRow[]; last?: KeysetPosition } {
    const q = this.pageQuery(filter, order, after, limit);
    const keys = stmt(this.db, q.sql).all(q.params) as { id: number; last_activity_at: number; waiting_key: number }[];
    const lastKey = keys[keys.length - 1];
    const last: KeysetPosition | undefined = lastKey
      ? [order === 'activity' ? lastKey.last_activity_at : lastKey.waiting_key, lastKey.id]
      : undefined;
    return { rows: this.rows(keys.map((k) => k.id)), last };
  }

  rows(conversationIds: readonly number[]): ContactListRow[] {
    if (conversationIds.length === 0) return [];
    const rows = stmt(this.db, ROWS_BY_IDS).all(JSON.stringify(conversationIds)) as ContactListRow[];
    const byId = new Map(rows.map((r) => [r.conversation_id, r]));
    return conversationIds.map((id) => byId.get(id)).filter((r): r is ContactListRow => r !== undefined);
  }

  rowByContact(contactId: number): ContactListRow | undefined {
    return stmt(this.db, `${LIST_SELECT} WHERE c.id = ?`).get(contactId) as ContactListRow | undefined;
  }

  /**
   * How many conversations each view holds: the tallies the triggers of
   * migration 016 keep with every change, so this reads a few rows however
   * large the book is. Labels are counted (a label holds few conversations).
   */
  counts(profileId: number | null): {
    byStatus: Record<string, number>;
    mine: number;
    unassigned: number;
    waiting: number;
    labels: { labelId: number; count: number }[];
    consent: { state: string; count: number }[];
    unreadTotal: number;
  } {
    const tallies = new Map(
      (stmt(this.db, 'SELECT key, n FROM inbox_tallies').all() as { key: string; n: number }[]).map((r) => [r.key, r.n] as const),
    );
    const tally = (key: string) => tallies.get(key) ?? 0;
    const consentPrefix = 'open:consent:';
    return {
      byStatus: Object.fromEntries((['open', 'pending', 'snoozed', 'resolved'] as const).map((s) => [s, tally(`status:${s}`)])),
      mine: profileId === null ? 0 : tally(`open:assignee:${profileId}`),
      unassigned: tally('open:assignee:none'),
      waiting: tally('open:waiting'),
      labels: (
        stmt(this.db,
          `SELECT cl.label_id AS labelId, count(*) AS count FROM conversation_labels cl JOIN conversations v ON v.id = cl.conversation_id
           WHERE v.status = 'open' GROUP BY cl.label_id`,
        ).all() as { labelId: number; count: number }[]
      ),
      consent: [...tallies]
        .filter(([key, n]) => key.startsWith(consentPrefix) && n > 0)
        .map(([key, n]) => ({ state: key.slice(consentPrefix.length), count: n }))
        .sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : 0)),
      unreadTotal: tally('unread'),
    };
  }

  // ---- workflow ----

  setStatus(conversationId: number, status: ConversationStatus, snoozeUntil: number | null): void {
    stmt(this.db, 'UPDATE conversations SET status = ?, snooze_until = ? WHERE id = ?').run(status, snoozeUntil, conversationId);
  }

  setAssignee(conversationId: number, profileId: number | null): void {
    stmt(this.db, 'UPDATE conversations SET assignee_id = ? WHERE id = ?').run(profileId, conversationId);
  }

  /** Opens a snoozed conversation whose time has come; false when it changed meanwhile. */
  wake(conversationId: number, now: number): boolean {
    return (
      stmt(this.db, `UPDATE conversations SET status = 'open', snooze_until = NULL WHERE id = ? AND status = 'snoozed' AND snooze_until <= ?`).run(
        conversationId,
        now,
      ).changes > 0
    );
  }

  // ---- labels ----

  labels(): LabelRow[] {
    return stmt(this.db, 'SELECT * FROM labels ORDER BY name COLLATE NOCASE').all() as LabelRow[];
  }

  labelById(id: number): LabelRow | undefined {
    return stmt(this.db, 'SELECT * FROM labels WHERE id = ?').get(id) as LabelRow | undefined;
  }

  labelByName(name: string): LabelRow | undefined {
    return stmt(this.db, 'SELECT * FROM labels WHERE name = ? COLLATE NOCASE').get(name) as LabelRow | undefined;
  }

  createLabel(name: string, color: string, now: number): LabelRow {
    const id = stmt(this.db, 'INSERT INTO labels (name, color, created_at) VALUES (?, ?, ?)').run(name, color, now).lastInsertRowid as number;
    return this.labelById(id)!;
  }

  updateLabel(id: number, name: string, color: string): void {
    stmt(this.db, 'UPDATE labels SET name = ?, color = ? WHERE id = ?').run(name, color, id);
  }

  deleteLabel(id: number): boolean {
    return stmt(this.db, 'DELETE FROM labels WHERE id = ?').run(id).changes > 0;
  }

  setLabels(conversationId: number, labelIds: readonly number[]): void {
    stmt(this.db, 'DELETE FROM conversation_labels WHERE conversation_id = ?').run(conversationId);
    const add = stmt(this.db, 'INSERT OR IGNORE INTO conversation_labels (label_id, conversation_id) VALUES (?, ?)');
    for (const id of labelIds) add.run(id, conversationId);
  }

  // ---- notes ----

  addNote(n: { conversationId: number; authorProfileId: number | null; authorName: string; body: string; now: number }): NoteRow {
    const id = stmt(this.db, 'INSERT INTO notes (conversation_id, author_profile_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?)').run(
      n.conversationId,
      n.authorProfileId,
      n.authorName,
      n.body,
      n.now,
    ).lastInsertRowid as number;
    return this.noteById(id)!;
  }

  noteById(id: number): NoteRow | undefined {
    return stmt(this.db, 'SELECT n.*, v.contact_id FROM notes n JOIN conversations v ON v.id = n.conversation_id WHERE n.id = ?').get(id) as
      | NoteRow
      | undefined;
  }

  /** Newest first, before the given note id. */
  notes(conversationId: number, beforeId: number | undefined, limit: number): NoteRow[] {
    return stmt(this.db,
      `SELECT n.*, v.contact_id FROM notes n JOIN conversations v ON v.id = n.conversation_id
       WHERE n.conversation_id = ? AND n.id < ? ORDER BY n.id DESC LIMIT ?`,
    ).all(conversationId, beforeId ?? Number.MAX_SAFE_INTEGER, limit) as NoteRow[];
  }

  // ---- search ----

  /** The SQL of the message-text search (exported for the query-plan tests). */
  static readonly MESSAGE_SEARCH = `
    SELECT m.id, v.contact_id, c.phone, c.name, c.push_name, m.direction, m.author, m.body, m.created_at
    FROM messages_fts f JOIN messages m ON m.id = f.rowid
    JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id
    WHERE messages_fts MATCH @q AND f.rowid < @before AND m.quarantined = 0
    ORDER BY f.rowid DESC LIMIT @limit`;

  /** Message-text hits, newest first; undefined query → none. */
  searchMessages(search: string, beforeId: number | undefined, limit: number): MessageHitRow[] {
    const match = searchMatch(search, this.db);
    if (!match) return [];
    return stmt(this.db, InboxRepo.MESSAGE_SEARCH).all({ q: match.messages, before: beforeId ?? Number.MAX_SAFE_INTEGER, limit }) as MessageHitRow[];
  }
}
