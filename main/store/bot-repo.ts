import type { Db } from './db';
import { stmt } from './statements';

export interface BotConversationRow {
  conversation_id: number;
  unanswered: number;
  handover_at: number | null;
  handover_reason: string | null;
  away_period: number | null;
  updated_at: number;
}

export interface AnnouncementRow {
  id: string;
  text: string;
  state: 'draft' | 'scheduled' | 'sending' | 'paused' | 'done' | 'cancelled';
  send_at: number | null;
  media_sha256: string | null;
  media_mime: string | null;
  media_size: number | null;
  media_name: string | null;
  send_key: string | null;
  created_at: number;
  updated_at: number;
}

export interface RecipientRow {
  id: number;
  announcement_id: string;
  contact_id: number;
  phone: string;
  state: 'pending' | 'sent' | 'skipped' | 'failed';
  reason: string | null;
  message_id: number | null;
  at: number | null;
}

/** A contact as an announcement sees it: name and both consent states. */
export interface AudienceRow {
  id: number;
  phone: string;
  name: string | null;
  push_name: string | null;
  service: string | null;
  marketing: string | null;
}

const LATEST = (purpose: string) =>
  `(SELECT e.to_state FROM consent_events e WHERE e.contact_id = c.id AND e.purpose = '${purpose}' ORDER BY e.id DESC LIMIT 1)`;

/** Exported for the plan test: one seek in the partial index of staff's own messages (015). */
export const LAST_STAFF_MESSAGE = `SELECT max(created_at) AS t FROM messages INDEXED BY messages_staff_reply
  WHERE conversation_id = ? AND direction = 'out' AND author IN ('staff', 'phone')`;

/** The bot's memory per conversation, and announcements with their recipients. */
export class BotRepo {
  constructor(private readonly db: Db) {}

  // ---- conversations ----

  conversation(conversationId: number): BotConversationRow | undefined {
    return stmt(this.db, 'SELECT * FROM bot_conversations WHERE conversation_id = ?').get(conversationId) as BotConversationRow | undefined;
  }

  private ensure(conversationId: number, now: number): void {
    stmt(this.db, 'INSERT INTO bot_conversations (conversation_id, updated_at) VALUES (?, ?) ON CONFLICT(conversation_id) DO NOTHING').run(
      conversationId,
      now,
    );
  }

  setUnanswered(conversationId: number, n: number, now: number): void {
    this.ensure(conversationId, now);
    stmt(this.db, 'UPDATE bot_conversations SET unanswered = ?, updated_at = ? WHERE conversation_id = ?').run(n, now, conversationId);
  }

  setHandover(conversationId: number, reason: string | null, now: number): void {
    this.ensure(conversationId, now);
    stmt(this.db, 'UPDATE bot_conversations SET handover_at = ?, handover_reason = ?, unanswered = 0, updated_at = ? WHERE conversation_id = ?').run(
      reason === null ? null : now,
      reason,
      now,
      conversationId,
    );
  }

  setAwayPeriod(conversationId: number, period: number, now: number): void {
    this.ensure(conversationId, now);
    stmt(this.db, 'UPDATE bot_conversations SET away_period = ?, updated_at = ? WHERE conversation_id = ?').run(period, now, conversationId);
  }

  /**
   * When staff (in the app or on the shop's phone) last wrote in this conversation.
   * Asked for every customer message, so it must not read the conversation's history.
   */
  lastStaffMessageAt(conversationId: number): number | undefined {
    const row = stmt(this.db, LAST_STAFF_MESSAGE).get(conversationId) as { t: number | null };
    return row.t ?? undefined;
  }

  conversationStatus(conversationId: number): string | undefined {
    return (stmt(this.db, 'SELECT status FROM conversations WHERE id = ?').get(conversationId) as { status: string } | undefined)?.status;
  }

  // ---- announcements ----

  audience(): AudienceRow[] {
    return stmt(
      this.db,
      `SELECT c.id, c.phone, c.name, c.push_name, ${LATEST('service')} AS service, ${LATEST('marketing')} AS marketing
       FROM contacts c ORDER BY c.id`,
    ).all() as AudienceRow[];
  }

  audienceOf(contactId: number): AudienceRow | undefined {
    return stmt(
      this.db,
      `SELECT c.id, c.phone, c.name, c.push_name, ${LATEST('service')} AS service, ${LATEST('marketing')} AS marketing
       FROM contacts c WHERE c.id = ?`,
    ).get(contactId) as AudienceRow | undefined;
  }

  /** Announcements sent to this contact since `since` (the rolling-week cap). */
  sentSince(contactId: number, since: number): number {
    return (
      stmt(this.db, `SELECT count(*) AS n FROM announcement_recipients WHERE contact_id = ? AND state = 'sent' AND at > ?`).get(contactId, since) as {
        n: number;
      }
    ).n;
  }

  insertAnnouncement(a: AnnouncementRow): void {
    stmt(
      this.db,
      `INSERT INTO announcements (id, text, state, send_at, media_sha256, media_mime, media_size, media_name, send_key, created_at, updated_at)
       VALUES (@id, @text, @state, @send_at, @media_sha256, @media_mime, @media_size, @media_name, @send_key, @created_at, @updated_at)`,
    ).run(a);
  }

  announcement(id: string): AnnouncementRow | undefined {
    return stmt(this.db, 'SELECT * FROM announcements WHERE id = ?').get(id) as AnnouncementRow | undefined;
  }

  announcements(limit: number): AnnouncementRow[] {
    return stmt(this.db, 'SELECT * FROM announcements ORDER BY created_at DESC, id LIMIT ?').all(limit) as AnnouncementRow[];
  }

  setSendKey(id: string, key: string): void {
    stmt(this.db, 'UPDATE announcements SET send_key = ? WHERE id = ?').run(key, id);
  }

  setState(id: string, state: AnnouncementRow['state'], now: number): void {
    stmt(this.db, 'UPDATE announcements SET state = ?, updated_at = ? WHERE id = ?').run(state, now, id);
  }

  addRecipient(r: Omit<RecipientRow, 'id' | 'message_id' | 'at'>): void {
    stmt(
      this.db,
      `INSERT INTO announcement_recipients (announcement_id, contact_id, phone, state, reason) VALUES (@announcement_id, @contact_id, @phone, @state, @reason)`,
    ).run(r);
  }

  recipients(id: string): RecipientRow[] {
    return stmt(this.db, 'SELECT * FROM announcement_recipients WHERE announcement_id = ? ORDER BY id').all(id) as RecipientRow[];
  }

  nextPending(id: string): RecipientRow | undefined {
    return stmt(this.db, `SELECT * FROM announcement_recipients WHERE announcement_id = ? AND state = 'pending' ORDER BY id LIMIT 1`).get(id) as
      | RecipientRow
      | undefined;
  }

  settle(recipientId: number, state: RecipientRow['state'], reason: string | null, messageId: number | null, now: number): void {
    stmt(this.db, 'UPDATE announcement_recipients SET state = ?, reason = ?, message_id = ?, at = ? WHERE id = ?').run(
      state,
      reason,
      messageId,
      now,
      recipientId,
    );
  }

  counts(id: string): Record<RecipientRow['state'], number> {
    const out = { pending: 0, sent: 0, skipped: 0, failed: 0 };
    for (const r of stmt(this.db, 'SELECT state, count(*) AS n FROM announcement_recipients WHERE announcement_id = ? GROUP BY state').all(id) as {
      state: RecipientRow['state'];
      n: number;
    }[])
      out[r.state] = r.n;
    return out;
  }
}
