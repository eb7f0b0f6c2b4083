import { randomBytes } from 'node:crypto';
import {
  eventHash,
  eventHashV1,
  GENESIS_HASH,
  personalDigest,
  type ChainFieldsV1,
  type ChainHead,
  type ChainProblem,
  type PersonalFields,
} from '../consent-chain';
import type { Migration } from './types';

/**
 * Erasure (GDPR Art. 17) and retention.
 *
 * - The consent proof is split: consent_events keeps only what identifies no
 *   one (event type, purpose, states, time, policy version and hash) plus the
 *   digest of the event's personal fields; those fields (contact, number,
 *   the message id that triggered it, the customer's words, the staff note)
 *   move to consent_event_personal. Erasing a person deletes their personal
 *   rows and sets consent_events.contact_id to NULL; the stub still verifies.
 *   consent_events stays append-only except for that one change.
 * - The chain is re-hashed in the new format (see consent-chain.ts). The old
 *   chain is verified first; its head and any problem found are kept in the
 *   setting `consent.chainMigration`, which the chain check reports, so
 *   re-hashing can never hide an earlier tampering.
 * - consent_event_details loses words and note (now personal) and may be
 *   deleted only once the event's personal row is gone (erasure).
 * - tombstones: a salted hash of each erased number, so an import cannot
 *   bring it back.
 * - contacts gain a legal hold (retention and erasure leave them alone).
 * - The FTS5 indexes get secure-delete, so a deleted row's words leave the
 *   index pages instead of lingering until the next merge.
 */

interface OldEvent extends ChainFieldsV1 {
  id: number;
  hash: string;
}

export const MIGRATION_NOTE_KEY = 'consent.chainMigration';

export interface ChainMigrationNote {
  at: number;
  events: number;
  /** The head of the old chain as recorded before re-hashing. */
  v1Head: ChainHead | null;
  /** What the old chain's check found before re-hashing (empty: it verified). */
  v1Problems: ChainProblem[];
}

function verifyV1(rows: OldEvent[], head: ChainHead | undefined): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS_HASH;
  let prevId = 0;
  for (const row of rows) {
    if (row.id !== prevId + 1) problems.push({ eventId: row.id, problem: `Vor der Umstellung: Ereignis(se) ${prevId + 1}–${row.id - 1} fehlten.` });
    if (row.prev_hash !== prev) problems.push({ eventId: row.id, problem: 'Vor der Umstellung: Verkettung gebrochen.' });
    if (eventHashV1(row) !== row.hash) problems.push({ eventId: row.id, problem: 'Vor der Umstellung: Ereignis war geändert (Hash stimmte nicht).' });
    prev = row.hash;
    prevId = row.id;
  }
  if (head && (head.count !== rows.length || head.lastId !== prevId || head.hash !== prev)) {
    problems.push({ eventId: null, problem: 'Vor der Umstellung: Ende der Kette stimmte nicht.' });
  } else if (!head && rows.length > 0) {
    problems.push({ eventId: null, problem: 'Vor der Umstellung: der Kettenkopf fehlte.' });
  }
  return problems;
}

export const migration010: Migration = {
  version: 10,
  name: 'erasure',
  rebuildsTables: true,
  up(db) {
    const old = db.prepare('SELECT * FROM consent_events ORDER BY id').all() as OldEvent[];
    const headRow = db.prepare(`SELECT value FROM settings WHERE key = 'consent.chainHead'`).pluck().get() as string | undefined;
    const v1Head = headRow ? (JSON.parse(headRow) as ChainHead) : undefined;
    const v1Problems = verifyV1(old, v1Head);
    const details = new Map(
      (db.prepare('SELECT event_id, words, note FROM consent_event_details').all() as { event_id: number; words: string | null; note: string | null }[]).map(
        (d) => [d.event_id, d],
      ),
    );
    const phoneOf = db.prepare('SELECT phone FROM contacts WHERE id = ?').pluck();

    db.exec(`
      CREATE TABLE consent_events_new (
        id INTEGER PRIMARY KEY,
        -- The lookup link; NULL once the person was erased (the only change the table allows).
        contact_id INTEGER REFERENCES contacts(id),
        purpose TEXT NOT NULL CHECK (purpose IN ('service', 'marketing')),
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        trigger_kind TEXT NOT NULL,
        policy_version INTEGER,
        policy_hash TEXT,
        at INTEGER NOT NULL,
        personal_digest TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE TABLE consent_event_personal (
        event_id INTEGER PRIMARY KEY REFERENCES consent_events(id),
        contact_id INTEGER NOT NULL,
        phone TEXT NOT NULL,
        trigger_ref TEXT,
        words TEXT,
        note TEXT,
        nonce TEXT NOT NULL
      );
      CREATE INDEX consent_event_personal_contact ON consent_event_personal(contact_id);
      CREATE TABLE consent_event_details_new (
        event_id INTEGER PRIMARY KEY REFERENCES consent_events(id),
        sent_text TEXT,
        method TEXT CHECK (method IS NULL OR method IN ('message', 'in_person', 'phone', 'letter', 'import')),
        actor_profile_id INTEGER,
        actor_name TEXT,
        occurred_at INTEGER
      );
      INSERT INTO consent_event_details_new (event_id, sent_text, method, actor_profile_id, actor_name, occurred_at)
        SELECT event_id, sent_text, method, actor_profile_id, actor_name, occurred_at FROM consent_event_details;
    `);
    const insertEvent = db.prepare(
      `INSERT INTO consent_events_new (id, contact_id, purpose, from_state, to_state, trigger_kind, policy_version, policy_hash, at,
         personal_digest, prev_hash, hash) VALUES (@id, @contact_id, @purpose, @from_state, @to_state, @trigger_kind, @policy_version,
         @policy_hash, @at, @personal_digest, @prev_hash, @hash)`,
    );
    const insertPersonal = db.prepare(
      `INSERT INTO consent_event_personal (event_id, contact_id, phone, trigger_ref, words, note, nonce)
       VALUES (@event_id, @contact_id, @phone, @trigger_ref, @words, @note, @nonce)`,
    );
    let prev = GENESIS_HASH;
    let last: ChainHead | undefined;
    for (const e of old) {
      const d = details.get(e.id);
      const personal: PersonalFields = {
        nonce: randomBytes(16).toString('hex'),
        contact_id: e.contact_id,
        phone: (phoneOf.get(e.contact_id) as string | undefined) ?? '',
        trigger_ref: e.trigger_ref,
        words: d?.words ?? null,
        note: d?.note ?? null,
      };
      const fields = {
        purpose: e.purpose,
        from_state: e.from_state,
        to_state: e.to_state,
        trigger_kind: e.trigger_kind,
        policy_version: e.policy_version,
        policy_hash: e.policy_hash,
        at: e.at,
        personal_digest: personalDigest(personal),
        prev_hash: prev,
      };
      const hash = eventHash(fields);
      insertEvent.run({ id: e.id, contact_id: e.contact_id, ...fields, hash });
      insertPersonal.run({ event_id: e.id, ...personal });
      prev = hash;
      last = { count: (last?.count ?? 0) + 1, lastId: e.id, hash };
    }

    // Indexes other migrations put on consent_events (e.g. the manager's review and statistics
    // indexes) go with the old table: keep their definitions and create them again on the new one.
    const otherIndexes = (
      db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'consent_events' AND sql IS NOT NULL AND name <> 'consent_events_contact'`).all() as {
        sql: string;
      }[]
    ).map((r) => r.sql);
    db.exec(`
      DROP TABLE consent_event_details;
      DROP TABLE consent_events;
      ALTER TABLE consent_events_new RENAME TO consent_events;
      ALTER TABLE consent_event_details_new RENAME TO consent_event_details;
      CREATE INDEX consent_events_contact ON consent_events(contact_id, purpose, id);
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE OF id, purpose, from_state, to_state, trigger_kind, policy_version,
        policy_hash, at, personal_digest, prev_hash, hash ON consent_events BEGIN
        SELECT RAISE(ABORT, 'consent_events is append-only');
      END;
      -- Erasure unlinks an event from its contact; nothing may link it to someone else.
      CREATE TRIGGER consent_events_no_relink BEFORE UPDATE OF contact_id ON consent_events WHEN new.contact_id IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'consent_events is append-only');
      END;
      CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events BEGIN
        SELECT RAISE(ABORT, 'consent_events is append-only');
      END;
      CREATE TRIGGER consent_events_summary AFTER INSERT ON consent_events BEGIN
        UPDATE conversations SET
          service_state = CASE WHEN new.purpose = 'service' THEN new.to_state ELSE service_state END,
          marketing_state = CASE WHEN new.purpose = 'marketing' THEN new.to_state ELSE marketing_state END
        WHERE contact_id = new.contact_id;
      END;
      CREATE TRIGGER consent_event_personal_no_update BEFORE UPDATE ON consent_event_personal BEGIN
        SELECT RAISE(ABORT, 'consent_event_personal is append-only');
      END;
      -- Personal fields go only with their person: once the contact row is gone (erasure).
      CREATE TRIGGER consent_event_personal_erasure_only BEFORE DELETE ON consent_event_personal
        WHEN EXISTS (SELECT 1 FROM contacts WHERE id = old.contact_id) BEGIN
        SELECT RAISE(ABORT, 'consent_event_personal is deleted only by an erasure');
      END;
      CREATE TRIGGER consent_event_details_no_update BEFORE UPDATE ON consent_event_details BEGIN
        SELECT RAISE(ABORT, 'consent_event_details is append-only');
      END;
      CREATE TRIGGER consent_event_details_no_delete BEFORE DELETE ON consent_event_details
        WHEN EXISTS (SELECT 1 FROM consent_event_personal WHERE event_id = old.event_id) BEGIN
        SELECT RAISE(ABORT, 'consent_event_details is append-only');
      END;

      CREATE TABLE tombstones (
        hash TEXT PRIMARY KEY,
        erased_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      ALTER TABLE contacts ADD COLUMN legal_hold_at INTEGER;
      ALTER TABLE contacts ADD COLUMN legal_hold_reason TEXT;

      INSERT INTO messages_fts(messages_fts, rank) VALUES ('secure-delete', 1);
      INSERT INTO contact_fts(contact_fts, rank) VALUES ('secure-delete', 1);
    `);
    for (const sql of otherIndexes) db.exec(sql);
    const now = Date.now();
    if (last) {
      db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('consent.chainHead', ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(JSON.stringify(last), now);
    }
    if (old.length > 0) {
      const note: ChainMigrationNote = { at: now, events: old.length, v1Head: v1Head ?? null, v1Problems };
      db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(MIGRATION_NOTE_KEY, JSON.stringify(note), now);
    }
  },
};
