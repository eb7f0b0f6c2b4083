import type { Migration } from './types';

/**
 * The consent texts' rate limits read the shop's own system texts only.
 *
 * 018 gave them an index of every outbound message; in a long chat staff
 * write thousands, and a limit check walked them all (49 ms in the
 * 100,000-message chat of the UI benchmark, on the main process). Consent
 * texts are always the engine's own, authored 'system' (ConsentEngine.queue),
 * so the index holds only those, which a staff reply no longer writes to.
 */
export const migration022: Migration = {
  version: 22,
  name: 'system_texts',
  up(db) {
    db.exec(`
      DROP INDEX messages_outbound;
      CREATE INDEX messages_system_out ON messages(conversation_id, id) WHERE direction = 'out' AND author = 'system';
    `);
  },
};
