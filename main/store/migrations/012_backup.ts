import type { Migration } from './types';

/**
 * Backups and webhooks.
 * - backups: one row per encrypted archive made from this database (the
 *   archive itself lives in the folder the shop chose; `present` is checked
 *   against the folder when listed). The counts are what a preview shows.
 * - webhooks: a shop system's endpoint, per API key (`key_id` names the key
 *   in api_keys; no foreign key here, the keys table is linked at merge), with
 *   the events it wants and the signing secret (needed in clear to sign).
 * - webhook_deliveries: each event for each webhook, its attempts and the
 *   next retry; the body is cleared once delivered or given up.
 */
export const sql = `
CREATE TABLE backups (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  folder      TEXT NOT NULL,
  size        INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('scheduled','manual')),
  contacts    INTEGER NOT NULL,
  messages    INTEGER NOT NULL,
  media       INTEGER NOT NULL,
  UNIQUE (folder, name)
) STRICT;
CREATE INDEX backups_recent ON backups(created_at DESC, id DESC);

CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  key_id      INTEGER,
  name        TEXT NOT NULL,
  url         TEXT NOT NULL,
  events      TEXT NOT NULL,
  secret      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE webhook_deliveries (
  id               INTEGER PRIMARY KEY,
  webhook_id       INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event            TEXT NOT NULL,
  body             TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending','delivered','failed')) DEFAULT 'pending',
  status_code      INTEGER,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER,
  error            TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_deliveries_log ON webhook_deliveries(webhook_id, id DESC);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE state = 'pending';
`;

/** Assigned number 011; it runs as version 10 while this branch's list ends at 009 (renumbered at merge). */
export const migration012: Migration = {
  version: 12,
  name: 'backup',
  up(db) {
    db.exec(sql);
  },
};
