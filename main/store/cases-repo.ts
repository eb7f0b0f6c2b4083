import type { Db } from './db';
import { stmt } from './statements';

export interface CaseRow {
  id: string;
  number: string;
  type: string;
  status: string;
  phone: string;
  title: string;
  reference: string | null;
  promised_at: number | null;
  pickup_until: number | null;
  carrier: string | null;
  tracking_number: string | null;
  appointment_at: number | null;
  open: number;
  deadline_at: number | null;
  last_notice: string | null;
  created_at: number;
  updated_at: number;
}

/** What identifies a new case; newCaseRow fills in the rest. */
export type NewCase = Pick<CaseRow, 'id' | 'number' | 'type' | 'status' | 'phone'> & { at: number };

/**
 * A new case as it is first stored: open, untitled, no typed fields, no
 * deadline and no message yet. Creating, importing and tests start here
 * and set what they have, so a column added to cases gets its empty value
 * in one place.
 */
export const newCaseRow = ({ at, ...id }: NewCase): CaseRow => ({
  ...id,
  title: '',
  reference: null,
  promised_at: null,
  pickup_until: null,
  carrier: null,
  tracking_number: null,
  appointment_at: null,
  open: 1,
  deadline_at: null,
  last_notice: null,
  created_at: at,
  updated_at: at,
});

/** A case with the contact it has linked up with (by phone), if the customer ever wrote. */
export interface CaseListRow extends CaseRow {
  contact_id: number | null;
  contact_name: string | null;
  push_name: string | null;
}

export interface CaseHistoryRow {
  id: number;
  case_id: string;
  at: number;
  from_status: string | null;
  to_status: string;
  actor: string;
  note: string | null;
  notice: string | null;
}

export interface CaseLinkRow {
  id: number;
  case_id: string;
  role: 'attachment' | 'notification' | 'label';
  message_id: number | null;
  media_id: number | null;
  created_at: number;
  media_sha256: string | null;
  media_mime: string | null;
  media_size: number | null;
  media_file_name: string | null;
}

export type CaseFieldsRow = Pick<
  CaseRow,
  'title' | 'reference' | 'promised_at' | 'pickup_until' | 'carrier' | 'tracking_number' | 'appointment_at'
>;

const SELECT = `
  SELECT k.*, c.id AS contact_id, c.name AS contact_name, c.push_name
  FROM cases k LEFT JOIN contacts c ON c.phone = k.phone`;

export interface CaseFilter {
  phone?: string;
  type?: string;
  status?: string;
  open?: boolean;
  /** Overdue at this instant. */
  overdueAt?: number;
  /** Keyset: rows strictly after (created_at, id) in newest-first order. */
  after?: { createdAt: number; id: string };
  limit: number;
}

export class CasesRepo {
  constructor(private readonly db: Db) {}

  /** Next number in a prefix's yearly sequence (call inside the creating transaction). */
  nextSequence(prefix: string, year: number): number {
    return (
      stmt(this.db,
        `INSERT INTO case_sequences (prefix, year, last) VALUES (?, ?, 1)
         ON CONFLICT(prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
      ).get(prefix, year) as { last: number }
    ).last;
  }

  /** Keeps a sequence at least at n (an imported number must never be handed out again). */
  raiseSequence(prefix: string, year: number, n: number): void {
    stmt(this.db,
      `INSERT INTO case_sequences (prefix, year, last) VALUES (?, ?, ?)
       ON CONFLICT(prefix, year) DO UPDATE SET last = max(last, excluded.last)`,
    ).run(prefix, year, n);
  }

  insert(row: CaseRow): void {
    stmt(this.db,
      `INSERT INTO cases (id, number, type, status, phone, title, reference, promised_at, pickup_until, carrier,
         tracking_number, appointment_at, open, deadline_at, last_notice, created_at, updated_at)
       VALUES (@id, @number, @type, @status, @phone, @title, @reference, @promised_at, @pickup_until, @carrier,
         @tracking_number, @appointment_at, @open, @deadline_at, @last_notice, @created_at, @updated_at)`,
    ).run(row);
  }

  update(row: CaseRow): void {
    stmt(this.db,
      `UPDATE cases SET status = @status, title = @title, reference = @reference, promised_at = @promised_at,
         pickup_until = @pickup_until, carrier = @carrier, tracking_number = @tracking_number,
         appointment_at = @appointment_at, open = @open, deadline_at = @deadline_at, last_notice = @last_notice,
         updated_at = @updated_at
       WHERE id = @id`,
    ).run(row);
  }

  setNotice(id: string, notice: string | null, now: number): void {
    stmt(this.db, 'UPDATE cases SET last_notice = ?, updated_at = ? WHERE id = ?').run(notice, now, id);
  }

  byId(id: string): CaseListRow | undefined {
    return stmt(this.db, `${SELECT} WHERE k.id = ?`).get(id) as CaseListRow | undefined;
  }

  byNumber(number: string): CaseListRow | undefined {
    return stmt(this.db, `${SELECT} WHERE k.number = ?`).get(number) as CaseListRow | undefined;
  }

  /**
   * Newest first, keyset-paged. The statement holds only the filters given,
   * so each reads through its own index (migration 024); each shape is
   * prepared once.
   */
  list(f: CaseFilter): CaseListRow[] {
    const q = this.listQuery(f);
    return stmt(this.db, q.sql).all(q.params) as CaseListRow[];
  }

  /** The statement list() runs and its parameters (the plan tests read its plan). */
  listQuery(f: CaseFilter): { sql: string; params: Record<string, string | number> } {
    // A filter written as "@x IS NULL OR k.x = @x" cannot use an index: every filter walked the
    // newest-first index over all cases until it had a page, all of them for a filter nothing matched.
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: f.limit };
    if (f.phone !== undefined) {
      where.push('k.phone = @phone');
      params.phone = f.phone;
    }
    if (f.type !== undefined) {
      where.push('k.type = @type');
      params.type = f.type;
    }
    if (f.status !== undefined) {
      where.push('k.status = @status');
      params.status = f.status;
    }
    // "open" is written into the statement: the open cases' index is partial (WHERE open = 1), and the
    // planner takes it only where the statement itself says open = 1. Overdue cases are open ones.
    if (f.open !== undefined) where.push(`k.open = ${f.open ? 1 : 0}`);
    if (f.overdueAt !== undefined) {
      if (f.open === undefined) where.push('k.open = 1');
      where.push('k.deadline_at IS NOT NULL AND k.deadline_at < @overdue_at');
      params.overdue_at = f.overdueAt;
    }
    if (f.after) {
      // A row value: the keyset is a range of the index, so a deep page starts where the last one ended.
      where.push('(k.created_at, k.id) < (@after_t, @after_id)');
      params.after_t = f.after.createdAt;
      params.after_id = f.after.id;
    }
    return {
      sql: `${SELECT}${where.length ? `\n       WHERE ${where.join(' AND ')}` : ''}
       ORDER BY k.created_at DESC, k.id DESC
       LIMIT @limit`,
      params,
    };
  }

  /** Open cases that may need a reminder (appointments and pickups with a date). */
  reminderCandidates(): CaseRow[] {
    return stmt(this.db,
      `SELECT * FROM cases WHERE open = 1 AND (appointment_at IS NOT NULL OR pickup_until IS NOT NULL)
         AND type IN ('appointment', 'pickup')`,
    ).all() as CaseRow[];
  }

  /** Open cases of a phone whose last status message was held back (to offer it after an opt-in). */
  withHeldNotice(phone: string): CaseRow[] {
    return stmt(this.db, `SELECT * FROM cases WHERE phone = ? AND last_notice LIKE '%"not_sent"%'`).all(phone) as CaseRow[];
  }

  addHistory(h: Omit<CaseHistoryRow, 'id'>): void {
    stmt(this.db,
      `INSERT INTO case_history (case_id, at, from_status, to_status, actor, note, notice)
       VALUES (@case_id, @at, @from_status, @to_status, @actor, @note, @notice)`,
    ).run(h);
  }

  history(caseId: string): CaseHistoryRow[] {
    return stmt(this.db, 'SELECT * FROM case_history WHERE case_id = ? ORDER BY id').all(caseId) as CaseHistoryRow[];
  }

  /** Links a message or file; a message linked twice stays one link. */
  link(caseId: string, role: CaseLinkRow['role'], messageId: number | null, mediaId: number | null, now: number): void {
    stmt(this.db,
      `INSERT OR IGNORE INTO case_links (case_id, role, message_id, media_id, created_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(caseId, role, messageId, mediaId, now);
  }

  links(caseId: string): CaseLinkRow[] {
    return stmt(this.db,
      `SELECT l.*, md.sha256 AS media_sha256, md.mime AS media_mime, md.size AS media_size, md.file_name AS media_file_name
       FROM case_links l LEFT JOIN media md ON md.id = l.media_id
       WHERE l.case_id = ? ORDER BY l.id`,
    ).all(caseId) as CaseLinkRow[];
  }

  reminderSent(key: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM case_reminders WHERE key = ?').get(key) !== undefined;
  }

  /** True when this call recorded the key (false: it was sent before). */
  markReminder(key: string, caseId: string, kind: string, now: number): boolean {
    return stmt(this.db, 'INSERT OR IGNORE INTO case_reminders (key, case_id, kind, sent_at) VALUES (?, ?, ?, ?)').run(
      key,
      caseId,
      kind,
      now,
    ).changes === 1;
  }
}
