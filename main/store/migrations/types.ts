import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the PRAGMA user_version after it ran; the
 * runner applies each in its own transaction, so a crash mid-migration leaves
 * the previous version intact.
 */
export interface Migration {
  version: number;
  name: string;
  /**
   * The step rebuilds a table that others reference (SQLite's "12 steps"):
   * the runner turns foreign keys off around the transaction (a DROP TABLE
   * would otherwise cascade) and checks them before committing.
   */
  rebuildsTables?: boolean;
  up(db: Database): void;
}
