import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { BotRepo } from '../../../main/store/bot-repo';
import { migrations } from '../../../main/store/migrations';
import { migration008 } from '../../../main/store/migrations/008_bot';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration008.version);
const upTo = migrations.filter((m) => m.version <= migration008.version);

describe('migration (bot and announcements)', () => {
  it('upgrades a database of the previous version with data and adds the bot tables', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    migrate(db, upTo);
    expect(db.pragma('user_version', { simple: true })).toBe(migration008.version);
    expect(db.prepare('SELECT phone FROM contacts').get()).toEqual({ phone: '+4915112345678' });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['bot_conversations', 'announcements', 'announcement_recipients']) expect(tables).toContain(t);
    db.close();
  });

  it('a recipient exists once per announcement, refuses unknown states, and goes with its announcement', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo);
    const contactId = Number(db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run().lastInsertRowid);
    const repo = new BotRepo(db);
    repo.insertAnnouncement({
      id: 'a1', text: 'x', state: 'draft', send_at: null, media_sha256: null, media_mime: null, media_size: null, media_name: null, send_key: null, created_at: 1, updated_at: 1,
    });
    repo.addRecipient({ announcement_id: 'a1', contact_id: contactId, phone: '+4915112345678', state: 'pending', reason: null });
    expect(() => repo.addRecipient({ announcement_id: 'a1', contact_id: contactId, phone: '+4915112345678', state: 'pending', reason: null })).toThrow(/UNIQUE/);
    expect(() => repo.setState('a1', 'blasting' as never, 2)).toThrow(/CHECK/);
    const r = repo.nextPending('a1')!;
    repo.settle(r.id, 'sent', null, null, 1000);
    expect(repo.sentSince(contactId, 999)).toBe(1);
    expect(repo.sentSince(contactId, 1000)).toBe(0);
    db.prepare(`DELETE FROM announcements WHERE id = 'a1'`).run();
    expect(repo.recipients('a1')).toEqual([]);
    db.close();
  });
});
