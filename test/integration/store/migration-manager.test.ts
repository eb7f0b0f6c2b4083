import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { BotRepo } from '../../../main/store/bot-repo';
import { migrations } from '../../../main/store/migrations';
import { migration009 } from '../../../main/store/migrations/009_manager';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration009.version);
const upTo = migrations.filter((m) => m.version <= migration009.version);

const marks = (db: Database.Database) =>
  db.prepare('SELECT kind, conversation_id AS c, message_id AS m FROM conversation_marks ORDER BY id').all() as { kind: string; c: number; m: number }[];

function conversationWith(db: Database.Database, phone: string, messages: number): number {
  const contact = Number(db.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, 1, 1)').run(phone).lastInsertRowid);
  const conv = Number(db.prepare('INSERT INTO conversations (contact_id) VALUES (?)').run(contact).lastInsertRowid);
  for (let i = 0; i < messages; i++) {
    db.prepare(`INSERT INTO messages (conversation_id, direction, type, body, author, status, created_at) VALUES (?, 'in', 'text', 'x', 'customer', 'received', ?)`).run(conv, i);
  }
  return conv;
}

describe('migration (manager: statistics marks and period indexes)', () => {
  it('upgrades a database with data: conversations already resolved or handed over get their mark', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    const resolved = conversationWith(db, '+4915100000001', 2);
    const open = conversationWith(db, '+4915100000002', 1);
    db.prepare(`UPDATE conversations SET status = 'resolved' WHERE id = ?`).run(resolved);
    new BotRepo(db).setHandover(open, 'requested', 5);
    migrate(db, upTo);
    expect(db.pragma('user_version', { simple: true })).toBe(migration009.version);
    expect(marks(db)).toEqual([
      { kind: 'resolved', c: resolved, m: 2 },
      { kind: 'handover', c: open, m: 3 },
    ]);
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]).map((r) => r.name);
    for (const i of ['messages_created', 'consent_events_at', 'consent_events_review', 'conversation_marks_period']) expect(indexes).toContain(i);
    db.close();
  });

  it('marks each resolution once at the newest message, and each hand-over; reopening and resolving again without news adds nothing', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, upTo);
    const conv = conversationWith(db, '+4915100000001', 1);
    const resolve = () => db.prepare(`UPDATE conversations SET status = 'resolved' WHERE id = ?`).run(conv);
    resolve();
    resolve(); // already resolved: no second mark
    db.prepare(`UPDATE conversations SET status = 'open' WHERE id = ?`).run(conv);
    resolve(); // nothing new since: the same episode
    expect(marks(db)).toEqual([{ kind: 'resolved', c: conv, m: 1 }]);
    db.prepare(`INSERT INTO messages (conversation_id, direction, type, body, author, status, created_at) VALUES (?, 'in', 'text', 'y', 'customer', 'received', 9)`).run(conv);
    const bot = new BotRepo(db);
    bot.setHandover(conv, 'unanswered', 10);
    bot.setHandover(conv, null, 11); // cleared on resolve: not a hand-over
    resolve();
    expect(marks(db)).toEqual([
      { kind: 'resolved', c: conv, m: 1 },
      { kind: 'handover', c: conv, m: 2 },
      { kind: 'resolved', c: conv, m: 2 },
    ]);
    db.close();
  });
});
