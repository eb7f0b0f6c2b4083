import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { migration006 } from '../../../main/store/migrations/006_inbox';
import { toFoldedFtsQuery } from '../../../main/store/fold';
import { migrations } from '../../../main/store/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration006.version);

function v3WithData(): Database.Database {
  const db = new Database(join(tempDir(), 'a.sqlite3'));
  db.pragma('foreign_keys = ON');
  migrate(db, before);
  const contact = db.prepare('INSERT INTO contacts (phone, name, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const conv = db.prepare('INSERT INTO conversations (contact_id, status, unread, last_message_at) VALUES (?, ?, ?, ?)');
  const msg = db.prepare(
    `INSERT INTO messages (conversation_id, direction, type, body, author, status, created_at) VALUES (?, ?, 'text', ?, ?, ?, ?)`,
  );
  contact.run('+4915112345678', 'Jana Müller', 1000, 1000);
  contact.run('+4915187654321', null, 1000, 1000);
  contact.run('+4917012345678', 'Otto', 1000, 1000);
  conv.run(1, 'waiting', 1, 5000);
  conv.run(2, 'closed', 0, 3000);
  conv.run(3, 'open', 0, null);
  msg.run(1, 'in', 'Ist mein Fahrrad fertig?', 'customer', 'received', 2000);
  msg.run(1, 'out', 'Ja, seit heute.', 'staff', 'sent', 3000);
  msg.run(1, 'in', 'Danke! Wann habt ihr offen?', 'customer', 'received', 4000);
  msg.run(1, 'out', 'Danke, Ihre Einwilligung ist gespeichert.', 'system', 'sent', 5000);
  msg.run(2, 'in', 'Hallo', 'customer', 'received', 3000);
  db.prepare(
    `INSERT INTO consent_events (contact_id, purpose, from_state, to_state, trigger_kind, at, prev_hash, hash)
     VALUES (1, 'service', 'requested', 'granted', 'keyword', 1500, 'g', 'h1')`,
  ).run();
  return db;
}

describe('migration 004 (inbox)', () => {
  it('maps waiting → pending and closed → resolved, keeps every message, and fills the summaries', () => {
    const db = v3WithData();
    migrate(db, [...before, migration006]);
    expect(db.pragma('user_version', { simple: true })).toBe(migration006.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const rows = db.prepare('SELECT * FROM conversations ORDER BY id').all() as Record<string, unknown>[];
    expect(rows.map((r) => r.status)).toEqual(['pending', 'resolved', 'open']);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(5);
    // Preview skips the consent text; waiting since the unanswered question.
    expect(rows[0]).toMatchObject({ preview_message_id: 3, waiting_since: 4000, last_activity_at: 5000, service_state: 'granted', unread: 1 });
    expect(rows[1]).toMatchObject({ preview_message_id: 5, waiting_since: 3000, service_state: 'none' });
    expect(rows[2]).toMatchObject({ preview_message_id: null, waiting_since: null, last_activity_at: 1000 });
    // Messages still point at their (rebuilt) conversation; deleting a contact still cascades.
    db.prepare('DELETE FROM messages WHERE conversation_id = 2').run();
    db.prepare('DELETE FROM consent_events WHERE 0').run();
    expect(db.prepare('SELECT waiting_since, preview_message_id FROM conversations WHERE id = 2').get()).toEqual({
      waiting_since: null,
      preview_message_id: null,
    });
    expect(() => db.prepare(`UPDATE conversations SET status = 'waiting'`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('creates the owner profile, a manager that must set its PIN, and finds folded names and numbers', () => {
    const db = v3WithData();
    migrate(db, [...before, migration006]);
    expect(db.prepare('SELECT name, role, pin_hash, must_set_pin FROM profiles').all()).toEqual([
      { name: 'Inhaber', role: 'manager', pin_hash: null, must_set_pin: 1 },
    ]);
    expect(() => db.prepare(`INSERT INTO profiles (name, color, role, created_at, updated_at) VALUES ('Chef', '#112233', 'manager', 1, 1)`).run()).toThrow(
      /CHECK/,
    );
    const find = (q: string, table: 'contact_fts' | 'messages_fts') =>
      db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(q);
    expect(find(toFoldedFtsQuery('Mueller'), 'contact_fts')).toEqual([1]);
    expect(find(toFoldedFtsQuery('Muller'), 'contact_fts')).toEqual([1]);
    expect(find('"015112345678"*', 'contact_fts')).toEqual([1]);
    expect(find('"fahrrad"*', 'messages_fts')).toEqual([1]);
    db.close();
  });

  it('is a step of the list, numbered without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations).toContain(migration006);
  });
});
