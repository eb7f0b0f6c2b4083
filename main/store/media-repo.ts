import type { Db } from './db';
import { stmt } from './statements';

export interface MediaRow {
  id: number;
  sha256: string;
  mime: string;
  size: number;
  file_name: string | null;
  created_at: number;
}

/** Media metadata; the bytes live content-addressed on disk (core/media-store). */
export class MediaRepo {
  constructor(private readonly db: Db) {}

  /** Same bytes → same row: content addressing makes a second upload free. */
  upsert(m: { sha256: string; mime: string; size: number; fileName?: string | null }, now: number): number {
    stmt(this.db, 'INSERT OR IGNORE INTO media (sha256, mime, size, file_name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(m.sha256, m.mime, m.size, m.fileName ?? null, now);
    return (stmt(this.db, 'SELECT id FROM media WHERE sha256 = ?').get(m.sha256) as { id: number }).id;
  }

  byId(id: number): MediaRow | undefined {
    return stmt(this.db, 'SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined;
  }

  /** Staff may see a file only through a message they may see (not one held back for consent). */
  isVisible(mediaId: number): boolean {
    return stmt(this.db, 'SELECT 1 FROM messages WHERE media_id = ? AND quarantined = 0 LIMIT 1').get(mediaId) !== undefined;
  }

  attach(messageId: number, mediaId: number): void {
    stmt(this.db, 'UPDATE messages SET media_id = ? WHERE id = ?').run(mediaId, messageId);
  }

  /**
   * How many messages and cases reference the file with these bytes (the count
   * a file's removal waits for). A case keeps its files (a return label not
   * sent yet) even without a message.
   */
  referenceCount(sha256: string): number {
    return (
      stmt(this.db,
        `SELECT (SELECT count(*) FROM messages m JOIN media d ON d.id = m.media_id WHERE d.sha256 = ?)
              + (SELECT count(*) FROM case_links l JOIN media d ON d.id = l.media_id WHERE d.sha256 = ?) AS n`,
      ).get(sha256, sha256) as { n: number }
    ).n;
  }

  /** Drops the row when no message references it; true when no reference is left (row gone or never there). */
  dropIfUnreferenced(sha256: string): boolean {
    if (this.referenceCount(sha256) > 0) return false;
    stmt(this.db, 'DELETE FROM media WHERE sha256 = ?').run(sha256);
    return true;
  }

  /** Every file name (sha256) a message or a case still references. */
  referencedShas(): Set<string> {
    const rows = stmt(this.db,
      `SELECT d.sha256 FROM media d JOIN messages m ON m.media_id = d.id
       UNION SELECT d.sha256 FROM media d JOIN case_links l ON l.media_id = d.id`,
    ).all() as { sha256: string }[];
    return new Set(rows.map((r) => r.sha256));
  }

  /** Rows no message or case references any more (left by a crash between steps). */
  dropAllUnreferenced(): number {
    return stmt(this.db,
      `DELETE FROM media WHERE NOT EXISTS (SELECT 1 FROM messages WHERE media_id = media.id)
         AND NOT EXISTS (SELECT 1 FROM case_links WHERE media_id = media.id)`,
    ).run().changes;
  }

  /** Whether any message still points at the file. */
  isReferenced(mediaId: number): boolean {
    return stmt(this.db, 'SELECT 1 FROM messages WHERE media_id = ? LIMIT 1').get(mediaId) !== undefined;
  }

  /** Removes the row; returns the content hash so the caller can remove the bytes. */
  delete(mediaId: number): string | undefined {
    const row = this.byId(mediaId);
    stmt(this.db, 'DELETE FROM media WHERE id = ?').run(mediaId);
    return row?.sha256;
  }
}
