import type { ConsentState, Locale, Purpose, TemplateKey } from '../contract';
import { eventHash, GENESIS_HASH, newNonce, personalDigest, sha256Hex, type ChainHead, type ChainRow, type PersonalFields } from './consent-chain';
import { MIGRATION_NOTE_KEY, type ChainMigrationNote } from './migrations/010_erasure';
import type { Db } from './db';
import { stmt } from './statements';

/** An event with its trigger reference (null once the person was erased). */
export interface ConsentEventRow {
  id: number;
  contact_id: number | null;
  purpose: string;
  from_state: string;
  to_state: string;
  trigger_kind: string;
  trigger_ref: string | null;
  policy_version: number | null;
  policy_hash: string | null;
  at: number;
  personal_digest: string;
  prev_hash: string;
  hash: string;
}

const EVENT_SELECT = 'SELECT e.*, p.trigger_ref FROM consent_events e LEFT JOIN consent_event_personal p ON p.event_id = e.id';
const DETAILS_SELECT = `SELECT d.event_id, p.words, d.sent_text, d.method, d.actor_profile_id, d.actor_name, p.note, d.occurred_at
  FROM consent_event_details d LEFT JOIN consent_event_personal p ON p.event_id = d.event_id`;

export interface NewConsentEvent {
  contactId: number;
  purpose: Purpose;
  from: ConsentState;
  to: ConsentState;
  triggerKind: string;
  triggerRef: string | null;
  policyVersion: number | null;
  policyHash: string | null;
  at: number;
  /** The customer's words and the staff note: personal, kept beside the chain (its digest is chained). */
  words?: string | null;
  note?: string | null;
}

export interface TemplateRow {
  id: number;
  key: TemplateKey;
  locale: Locale;
  version: number;
  text: string;
  sha256: string;
  created_at: number;
}

/** How a revocation or grant came about, in people's terms (beside the chain). */
export interface ConsentEventDetails {
  words: string | null;
  sentText: string | null;
  method: 'message' | 'in_person' | 'phone' | 'letter' | 'import' | null;
  actorProfileId: number | null;
  actorName: string | null;
  note: string | null;
  occurredAt: number | null;
}

export interface ConsentEventDetailsRow {
  event_id: number;
  words: string | null;
  sent_text: string | null;
  method: ConsentEventDetails['method'];
  actor_profile_id: number | null;
  actor_name: string | null;
  note: string | null;
  occurred_at: number | null;
}

export interface ConsentNoticeRow {
  id: number;
  contact_id: number;
  kind: string;
  words: string | null;
  trigger_ref: string | null;
  sent_text: string;
  policy_version: number | null;
  policy_hash: string;
  at: number;
}

const HEAD_KEY = 'consent.chainHead';

// The gate asks these for every send. INDEXED BY: for max(at) the planner
// otherwise walks one purpose's whole history by time (consent_events_review),
// which made a new contact's consent request cost ~1 ms per 1,000 contacts.
/** The contact's latest revocation (any purpose); exported for the plan tests. */
export const LAST_REVOCATION = `SELECT max(at) AS t FROM consent_events INDEXED BY consent_events_contact
  WHERE contact_id = ? AND to_state = 'revoked' AND from_state <> 'revoked'`;
/** The contact's last revocation or expiry of one purpose; exported for the plan tests. */
export const LAST_END_OF_CYCLE = `SELECT max(at) AS t FROM consent_events INDEXED BY consent_events_contact
  WHERE contact_id = ? AND purpose = ? AND to_state IN ('revoked', 'expired')`;
/**
 * A contact's queued texts of one kind, by conversation and kind in the
 * outbox (022): a seek to the few texts of that kind, never a walk of the
 * conversation's messages. Whoever queued a consent text, it counts: the
 * limits rest on the outbox's kind, not on the message's author. The two
 * queries are exported for the plan tests.
 */
const QUEUED_FROM = `FROM conversations v
  CROSS JOIN outbox o INDEXED BY outbox_conversation_kind ON o.conversation_id = v.id AND o.kind = ?
  CROSS JOIN messages m ON m.id = o.message_id
  WHERE v.contact_id = ? AND m.purpose = ?`;
export const LAST_QUEUED_AT = `SELECT max(o.created_at) AS t ${QUEUED_FROM}`;
export const QUEUED_SINCE = `SELECT count(*) AS n ${QUEUED_FROM} AND o.state <> 'failed' AND o.created_at >= ? AND m.id <> ?`;

/** The time of a contact's latest event of one purpose (exported for the plan tests). */
export const LATEST_AT = 'SELECT at FROM consent_events INDEXED BY consent_events_contact WHERE contact_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1';
/** A contact's current state for one purpose: its latest event (exported for the plan tests). */
export const CONSENT_STATE = 'SELECT to_state FROM consent_events WHERE contact_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1';

/** Consent events (append-only, one global hash chain) and versioned consent texts. */
export class ConsentRepo {
  constructor(private readonly db: Db) {}

  /**
   * Appends one event to the chain; the caller runs it inside its transaction.
   * The personal fields go to consent_event_personal; the chain holds their digest.
   */
  append(e: NewConsentEvent): ConsentEventRow {
    const last = stmt(this.db, 'SELECT id, hash FROM consent_events ORDER BY id DESC LIMIT 1').get() as
      | { id: number; hash: string }
      | undefined;
    const phone = ((stmt(this.db, 'SELECT phone AS n FROM contacts WHERE id = ?').get(e.contactId) as { n: string } | undefined)?.n) ?? '';
    const personal: PersonalFields = {
      nonce: newNonce(),
      contact_id: e.contactId,
      phone,
      trigger_ref: e.triggerRef,
      words: e.words ?? null,
      note: e.note ?? null,
    };
    const fields = {
      purpose: e.purpose,
      from_state: e.from,
      to_state: e.to,
      trigger_kind: e.triggerKind,
      policy_version: e.policyVersion,
      policy_hash: e.policyHash,
      at: e.at,
      personal_digest: personalDigest(personal),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = eventHash(fields);
    const id = stmt(this.db,
        `INSERT INTO consent_events (contact_id, purpose, from_state, to_state, trigger_kind,
           policy_version, policy_hash, at, personal_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.contactId,
        fields.purpose,
        fields.from_state,
        fields.to_state,
        fields.trigger_kind,
        fields.policy_version,
        fields.policy_hash,
        fields.at,
        fields.personal_digest,
        fields.prev_hash,
        hash,
      ).lastInsertRowid as number;
    stmt(this.db,
      `INSERT INTO consent_event_personal (event_id, contact_id, phone, trigger_ref, words, note, nonce)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, personal.contact_id, personal.phone, personal.trigger_ref, personal.words, personal.note, personal.nonce);
    const head = this.head();
    this.setHead({ count: (head?.count ?? 0) + 1, lastId: id, hash }, e.at);
    return { id, hash, contact_id: e.contactId, trigger_ref: e.triggerRef, ...fields };
  }

  head(): ChainHead | undefined {
    const row = stmt(this.db, 'SELECT value FROM settings WHERE key = ?').get(HEAD_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ChainHead) : undefined;
  }

  private setHead(head: ChainHead, now: number): void {
    stmt(this.db,
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(HEAD_KEY, JSON.stringify(head), now);
  }

  /** Every event as the chain check reads it: chain fields, link and (unless erased) the personal fields. */
  all(): ChainRow[] {
    const rows = stmt(this.db,
      `SELECT e.*, p.event_id AS p_event_id, p.nonce AS p_nonce, p.contact_id AS p_contact_id, p.phone AS p_phone,
         p.trigger_ref AS p_trigger_ref, p.words AS p_words, p.note AS p_note
       FROM consent_events e LEFT JOIN consent_event_personal p ON p.event_id = e.id ORDER BY e.id`,
    ).all() as (ChainRow & Record<string, unknown>)[];
    return rows.map((r) => {
      const { p_event_id, p_nonce, p_contact_id, p_phone, p_trigger_ref, p_words, p_note, ...row } = r;
      const personal: PersonalFields | null =
        p_event_id === null
          ? null
          : {
              nonce: p_nonce as string,
              contact_id: p_contact_id as number,
              phone: p_phone as string,
              trigger_ref: p_trigger_ref as string | null,
              words: p_words as string | null,
              note: p_note as string | null,
            };
      return { ...(row as ChainRow), personal };
    });
  }

  /** What the migration to the split proof found in the old chain (null: nothing was migrated). */
  migrationNote(): ChainMigrationNote | null {
    const row = stmt(this.db, 'SELECT value FROM settings WHERE key = ?').get(MIGRATION_NOTE_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ChainMigrationNote) : null;
  }

  byContact(contactId: number): ConsentEventRow[] {
    return stmt(this.db, `${EVENT_SELECT} WHERE e.contact_id = ? ORDER BY e.id`).all(contactId) as ConsentEventRow[];
  }

  latest(contactId: number, purpose: Purpose): ConsentEventRow | undefined {
    return stmt(this.db, `${EVENT_SELECT} WHERE e.contact_id = ? AND e.purpose = ? ORDER BY e.id DESC LIMIT 1`)
      .get(contactId, purpose) as ConsentEventRow | undefined;
  }

  /** When the latest event of a purpose happened (undefined: none); from the index alone (019). */
  latestAt(contactId: number, purpose: Purpose): number | undefined {
    return stmt(this.db, LATEST_AT).pluck().get(contactId, purpose) as number | undefined;
  }

  /** The latest event's state: read several times per inbound message, so one index seek and one column. */
  state(contactId: number, purpose: Purpose): ConsentState {
    const state = stmt(this.db, CONSENT_STATE)
      .pluck()
      .get(contactId, purpose) as ConsentState | undefined;
    return state ?? 'none';
  }

  /** Contacts whose latest event for the purpose is "requested" since at or before `before`. */
  requestedSince(purpose: Purpose, before: number, limit = -1): { contact_id: number }[] {
    return stmt(this.db,
        `SELECT e.contact_id FROM consent_events e
         WHERE e.purpose = ? AND e.to_state = 'requested' AND e.at <= ?
           AND e.id = (SELECT max(id) FROM consent_events x WHERE x.contact_id = e.contact_id AND x.purpose = e.purpose)
         LIMIT ?`,
      )
      .all(purpose, before, limit) as { contact_id: number }[];
  }

  /** When an outbound message of this kind and purpose was last queued for the contact. */
  lastQueuedAt(contactId: number, kind: string, purpose: Purpose): number | undefined {
    const row = stmt(this.db, LAST_QUEUED_AT).get(kind, contactId, purpose) as { t: number | null };
    return row.t ?? undefined;
  }

  /**
   * How many messages of this kind were queued or sent for the contact since
   * `since` (failed ones never reached the customer), not counting `exceptMessageId`.
   */
  queuedSince(contactId: number, kind: string, purpose: Purpose, since: number, exceptMessageId = -1): number {
    const row = stmt(this.db, QUEUED_SINCE).get(kind, contactId, purpose, since, exceptMessageId) as { n: number };
    return row.n;
  }

  // ---- versioned texts ----

  currentTemplate(key: TemplateKey, locale: Locale): TemplateRow | undefined {
    return stmt(this.db, 'SELECT * FROM consent_templates WHERE key = ? AND locale = ? ORDER BY version DESC LIMIT 1')
      .get(key, locale) as TemplateRow | undefined;
  }

  templates(includeHistory: boolean): TemplateRow[] {
    const sql = includeHistory
      ? 'SELECT * FROM consent_templates ORDER BY key, locale, version'
      : `SELECT t.* FROM consent_templates t
         WHERE t.version = (SELECT max(version) FROM consent_templates x WHERE x.key = t.key AND x.locale = t.locale)
         ORDER BY t.key, t.locale`;
    return stmt(this.db, sql).all() as TemplateRow[];
  }

  addTemplateVersion(key: TemplateKey, locale: Locale, text: string, now: number): TemplateRow {
    const version = (this.currentTemplate(key, locale)?.version ?? 0) + 1;
    const id = stmt(this.db, 'INSERT INTO consent_templates (key, locale, version, text, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key, locale, version, text, sha256Hex(text), now).lastInsertRowid as number;
    return stmt(this.db, 'SELECT * FROM consent_templates WHERE id = ?').get(id) as TemplateRow;
  }
  // ---- details and cycles ----

  /** The non-personal details (words and note are personal: they go with append()). */
  addDetails(eventId: number, d: Omit<ConsentEventDetails, 'words' | 'note'>): void {
    stmt(this.db,
      `INSERT INTO consent_event_details (event_id, sent_text, method, actor_profile_id, actor_name, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(eventId, d.sentText, d.method, d.actorProfileId, d.actorName, d.occurredAt);
  }

  detailsByContact(contactId: number): ConsentEventDetailsRow[] {
    return stmt(this.db,
      `${DETAILS_SELECT} JOIN consent_events e ON e.id = d.event_id WHERE e.contact_id = ? ORDER BY d.event_id`,
    ).all(contactId) as ConsentEventDetailsRow[];
  }

  details(eventId: number): ConsentEventDetailsRow | undefined {
    return stmt(this.db, `${DETAILS_SELECT} WHERE d.event_id = ?`).get(eventId) as ConsentEventDetailsRow | undefined;
  }

  addNotice(n: Omit<ConsentNoticeRow, 'id'>): void {
    stmt(this.db,
      `INSERT INTO consent_notices (contact_id, kind, words, trigger_ref, sent_text, policy_version, policy_hash, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(n.contact_id, n.kind, n.words, n.trigger_ref, n.sent_text, n.policy_version, n.policy_hash, n.at);
  }

  noticesByContact(contactId: number): ConsentNoticeRow[] {
    return stmt(this.db, 'SELECT * FROM consent_notices WHERE contact_id = ? ORDER BY id').all(contactId) as ConsentNoticeRow[];
  }

  startImport(i: { recordedBy: string; fileName: string | null; sha256: string; at: number }): number {
    return stmt(this.db, 'INSERT INTO consent_imports (recorded_by, actor_profile_id, file_name, sha256, at) VALUES (?, NULL, ?, ?, ?)')
      .run(i.recordedBy, i.fileName, i.sha256, i.at).lastInsertRowid as number;
  }

  finishImport(id: number, imported: number, skipped: number): void {
    stmt(this.db, 'UPDATE consent_imports SET imported = ?, skipped = ? WHERE id = ?').run(imported, skipped, id);
  }

  importById(id: number): { id: number; recorded_by: string; file_name: string | null; sha256: string; at: number; imported: number; skipped: number } | undefined {
    return stmt(this.db, 'SELECT * FROM consent_imports WHERE id = ?').get(id) as ReturnType<ConsentRepo['importById']>;
  }

  /** When the contact's latest revocation (any purpose) was recorded. */
  lastRevocationAt(contactId: number): number | undefined {
    const row = stmt(this.db, LAST_REVOCATION).get(contactId) as { t: number | null };
    return row.t ?? undefined;
  }

  /** When the last revocation or expiry of this purpose happened (0 if never). */
  lastEndOfCycle(contactId: number, purpose: Purpose): number {
    const row = stmt(this.db, LAST_END_OF_CYCLE).get(contactId, purpose) as { t: number | null };
    return row.t ?? 0;
  }
}
