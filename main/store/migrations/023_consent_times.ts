import type { Migration } from './types';

/**
 * The conversation carries when each purpose's consent last changed (see
 * docs/performance.md).
 *
 * Every list row (an inbox page, the rows a batch's `contact.updated`
 * events carry) asked the contact's consent events for the latest time per
 * purpose: two correlated subqueries, a quarter of the row's read. The
 * trigger that already copies each event's state onto the conversation now
 * copies its time as well, in the same statement, so the row reads both
 * from the conversation. The latest time stays the latest (max), whatever
 * order events are appended in; consent events are never changed or
 * deleted, so the copy cannot go stale.
 */
export const migration023: Migration = {
  version: 23,
  name: 'consent_times',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN service_at INTEGER;
      ALTER TABLE conversations ADD COLUMN marketing_at INTEGER;
      UPDATE conversations SET
        service_at = (SELECT max(e.at) FROM consent_events e INDEXED BY consent_events_contact
                      WHERE e.contact_id = conversations.contact_id AND e.purpose = 'service'),
        marketing_at = (SELECT max(e.at) FROM consent_events e INDEXED BY consent_events_contact
                        WHERE e.contact_id = conversations.contact_id AND e.purpose = 'marketing');
      DROP TRIGGER consent_events_summary;
      CREATE TRIGGER consent_events_summary AFTER INSERT ON consent_events BEGIN
        UPDATE conversations SET
          service_state = CASE WHEN new.purpose = 'service' THEN new.to_state ELSE service_state END,
          service_at = CASE WHEN new.purpose = 'service' THEN max(coalesce(service_at, new.at), new.at) ELSE service_at END,
          marketing_state = CASE WHEN new.purpose = 'marketing' THEN new.to_state ELSE marketing_state END,
          marketing_at = CASE WHEN new.purpose = 'marketing' THEN max(coalesce(marketing_at, new.at), new.at) ELSE marketing_at END
        WHERE contact_id = new.contact_id;
      END;
    `);
  },
};
