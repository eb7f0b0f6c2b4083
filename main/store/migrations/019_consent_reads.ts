import type { Migration } from './types';

/**
 * The consent lookups read the index alone (see docs/performance.md).
 *
 * Every inbound message asks for the contact's consent state, and every row
 * an event announces carries each purpose's "since". Both sought the
 * contact's events in `consent_events_contact` and then read each event's
 * row for one column: rows that carry hashes and digests, so each on a page
 * of its own. The index now carries the columns those lookups need (state,
 * previous state, time), so they never leave it. Same name, same order:
 * every query that names it keeps its plan. Consent events are few per
 * contact, so the wider entries cost little space and no noticeable write.
 */
export const migration019: Migration = {
  version: 19,
  name: 'consent_reads',
  up(db) {
    db.exec(`
      DROP INDEX consent_events_contact;
      CREATE INDEX consent_events_contact ON consent_events(contact_id, purpose, id, to_state, from_state, at);
    `);
  },
};
