import type { Db } from './db';
import { stmt } from './statements';

export interface QuickReplyRow {
  id: number;
  locale: 'de' | 'en';
  shortcut: string;
  text: string;
  created_at: number;
  updated_at: number;
}

export class QuickRepliesRepo {
  constructor(private readonly db: Db) {}

  list(locale: 'de' | 'en' | undefined): QuickReplyRow[] {
    return locale
      ? (stmt(this.db, 'SELECT * FROM quick_replies WHERE locale = ? ORDER BY shortcut').all(locale) as QuickReplyRow[])
      : (stmt(this.db, 'SELECT * FROM quick_replies ORDER BY locale, shortcut').all() as QuickReplyRow[]);
  }

  byId(id: number): QuickReplyRow | undefined {
    return stmt(this.db, 'SELECT * FROM quick_replies WHERE id = ?').get(id) as QuickReplyRow | undefined;
  }

  byShortcut(locale: string, shortcut: string): QuickReplyRow | undefined {
    return stmt(this.db, 'SELECT * FROM quick_replies WHERE locale = ? AND shortcut = ?').get(locale, shortcut) as QuickReplyRow | undefined;
  }

  create(r: { locale: string; shortcut: string; text: string; now: number }): QuickReplyRow {
    const id = stmt(this.db, 'INSERT INTO quick_replies (locale, shortcut, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      r.locale,
      r.shortcut,
      r.text,
      r.now,
      r.now,
    ).lastInsertRowid as number;
    return this.byId(id)!;
  }

  update(id: number, r: { locale: string; shortcut: string; text: string; now: number }): void {
    stmt(this.db, 'UPDATE quick_replies SET locale = ?, shortcut = ?, text = ?, updated_at = ? WHERE id = ?').run(r.locale, r.shortcut, r.text, r.now, id);
  }

  delete(id: number): boolean {
    return stmt(this.db, 'DELETE FROM quick_replies WHERE id = ?').run(id).changes > 0;
  }
}
