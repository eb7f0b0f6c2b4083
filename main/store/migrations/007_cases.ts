import type { Migration } from './types';

/**
 * Service cases. A case belongs to a phone number, not to a contact row: a
 * case for a number that never wrote creates no contact, and links up once
 * the customer writes (joined by phone). Times are ms since the epoch.
 * - cases: the current state; `open` and `deadline_at` are kept by the
 *   domain so the Cases view filters (open, overdue) are index lookups.
 * - case_history: the status timeline (who, when, note, what was sent).
 * - case_links: messages and files that belong to a case (attached photos,
 *   sent status messages, the return label).
 * - case_sequences: the number sequence per prefix and year.
 * - case_reminders: each reminder key once.
 */
export const sql = `
CREATE TABLE cases (
  id              TEXT PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  type            TEXT NOT NULL CHECK (type IN ('repair','pickup','parcel','return','appointment','complaint','order')),
  status          TEXT NOT NULL,
  phone           TEXT NOT NULL,
  title           TEXT NOT NULL DEFAULT '',
  reference       TEXT,
  promised_at     INTEGER,
  pickup_until    INTEGER,
  carrier         TEXT CHECK (carrier IN ('dhl','hermes','dpd','gls','ups')),
  tracking_number TEXT,
  appointment_at  INTEGER,
  open            INTEGER NOT NULL DEFAULT 1,
  deadline_at     INTEGER,
  last_notice     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX cases_recent ON cases(created_at DESC, id DESC);
CREATE INDEX cases_phone ON cases(phone, created_at DESC);
CREATE INDEX cases_type_status ON cases(type, status);
CREATE INDEX cases_deadline ON cases(deadline_at) WHERE open = 1 AND deadline_at IS NOT NULL;
CREATE INDEX cases_reminder ON cases(type, status) WHERE open = 1 AND (appointment_at IS NOT NULL OR pickup_until IS NOT NULL);
CREATE INDEX cases_reference ON cases(reference) WHERE reference IS NOT NULL;

CREATE TABLE case_history (
  id           INTEGER PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  from_status  TEXT,
  to_status    TEXT NOT NULL,
  actor        TEXT NOT NULL,
  note         TEXT,
  notice       TEXT
) STRICT;
CREATE INDEX case_history_case ON case_history(case_id, id);

CREATE TABLE case_links (
  id          INTEGER PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('attachment', 'notification', 'label')),
  message_id  INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  media_id    INTEGER REFERENCES media(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX case_links_case ON case_links(case_id, id);
CREATE UNIQUE INDEX case_links_message ON case_links(case_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX case_links_msg ON case_links(message_id) WHERE message_id IS NOT NULL;

CREATE TABLE case_sequences (
  prefix TEXT NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
) STRICT;

CREATE TABLE case_reminders (
  key      TEXT PRIMARY KEY,
  case_id  TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL,
  sent_at  INTEGER NOT NULL
) STRICT;
`;

export const migration007: Migration = {
  version: 7,
  name: 'cases',
  up(db) {
    db.exec(sql);
  },
};
