import { appendFileSync, chmodSync, closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Purpose } from '../../contract';

export const JOURNAL_FILE_NAME = 'compliance-journal.jsonl';

/** One line of the journal: no number, only its salted hash. */
export type JournalEntry =
  | { kind: 'erasure'; phoneHash: string; at: number }
  | { kind: 'revocation'; phoneHash: string; purpose: Purpose; at: number };

/**
 * An append-only file beside the database that records each erasure and each
 * revocation, so a restore of an older backup can apply them again (see
 * restore-guard.ts). It lives outside the database on purpose: restoring the
 * database does not restore it. Owner-only (0600); each line is synced.
 */
export class ComplianceJournal {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, JOURNAL_FILE_NAME);
  }

  append(entry: JournalEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    chmodSync(this.file, 0o600);
    const fd = openSync(this.file, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Entries recorded at or after `since` (ms), oldest first; a torn last line (crash mid-write) is skipped. */
  read(since = 0): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let e: JournalEntry;
      try {
        e = JSON.parse(line) as JournalEntry;
      } catch {
        continue;
      }
      if (typeof e?.phoneHash !== 'string' || typeof e.at !== 'number') continue;
      if (e.kind !== 'erasure' && e.kind !== 'revocation') continue;
      if (e.at >= since) out.push(e);
    }
    return out;
  }
}
