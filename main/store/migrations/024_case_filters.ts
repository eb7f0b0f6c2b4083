import type { Migration } from './types';

/**
 * Each filter of the case list reads through its own index, newest first
 * (see CasesRepo.listQuery and docs/performance.md).
 *
 * The list was one statement whose filters were NULL switches, so every
 * filter walked the newest-first index over all cases until it had a page:
 * a rare status, or a type a chain's desk seldom takes, walked the whole
 * history. Type, status and both together, open cases (and with them the
 * overdue ones) now have an index in the list's own order, each ending in
 * (created_at, id) so a page is a range of it and needs no sort; the
 * customer's index gains the id so ties page without a sort as well.
 * `cases_type_status` (type, status) served no statement and goes.
 */
export const migration024: Migration = {
  version: 24,
  name: 'case_filters',
  up(db) {
    db.exec(`
      DROP INDEX cases_type_status;
      DROP INDEX cases_phone;
      CREATE INDEX cases_phone ON cases(phone, created_at DESC, id DESC);
      CREATE INDEX cases_type_recent ON cases(type, created_at DESC, id DESC);
      CREATE INDEX cases_status_recent ON cases(status, created_at DESC, id DESC);
      CREATE INDEX cases_type_status_recent ON cases(type, status, created_at DESC, id DESC);
      CREATE INDEX cases_open_recent ON cases(created_at DESC, id DESC) WHERE open = 1;
    `);
  },
};
