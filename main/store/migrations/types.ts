import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the PRAGMA user_version after it ran; the
 * runner applies each in its own transaction, so a crash mid-migration leaves
 * the previous version intact.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
