import type { Migration } from './types';

/**
 * Roles: API keys for shop systems and the access log.
 * - api_keys: only the SHA-256 of each key is kept (the key is shown once);
 *   `prefix` lets a person tell keys apart; revoked keys stay listed.
 * - access_log: who (a profile, an API key, the operator) called an audited
 *   method or route, when, on which contact and with what outcome. The
 *   contact is kept as its id only (no foreign key, no number), so erasing
 *   a person leaves nothing personal here to scrub and the entry stays.
 */
export const sql = `
CREATE TABLE api_keys (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  scope         TEXT NOT NULL CHECK (scope IN ('integration','manager')),
  key_hash      TEXT NOT NULL UNIQUE,
  prefix        TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  created_by    TEXT NOT NULL,
  last_used_at  INTEGER,
  revoked_at    INTEGER
) STRICT;

CREATE TABLE access_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('profile','key','operator','app','none')),
  actor_id    INTEGER,
  actor_name  TEXT,
  action      TEXT NOT NULL,
  contact_id  INTEGER,
  outcome     TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_contact ON access_log(contact_id, id) WHERE contact_id IS NOT NULL;
`;

export const migration011: Migration = {
  version: 11,
  name: 'roles',
  up(db) {
    db.exec(sql);
  },
};
