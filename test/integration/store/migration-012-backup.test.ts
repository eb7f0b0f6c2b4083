import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { BackupsRepo } from '../../../main/store/backups-repo';
import { WebhooksRepo } from '../../../main/store/webhooks-repo';
import { migrations } from '../../../main/store/migrations';
import { migration012 } from '../../../main/store/migrations/012_backup';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration012.version);
const upTo = migrations.filter((m) => m.version <= migration012.version);

describe('migration (backups and webhooks)', () => {
  it('upgrades a database of the previous version with data and adds the tables', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    migrate(db, upTo);
    expect(db.pragma('user_version', { simple: true })).toBe(migration012.version);
    expect(db.prepare('SELECT phone FROM contacts').get()).toEqual({ phone: '+4915112345678' });
    expect(new BackupsRepo(db).counts()).toEqual({ contacts: 1, messages: 0, media: 0 });
    db.close();
  });

  it('a backup name is unique per folder; trigger and delivery states are checked; deliveries go with their webhook', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo);
    const backups = new BackupsRepo(db);
    const row = { name: 'tresen-1.tresenbak', folder: '/nas', size: 10, created_at: 1, trigger: 'manual' as const, contacts: 0, messages: 0, media: 0 };
    const id = backups.add(row);
    expect(backups.add({ ...row, size: 20 })).toBe(id);
    expect(backups.list()).toHaveLength(1);
    expect(() => backups.add({ ...row, name: 'b', trigger: 'nightly' as never })).toThrow(/CHECK/);

    const hooks = new WebhooksRepo(db);
    // key_id names an API key without a foreign key (the keys table is linked at merge).
    const hook = hooks.create({ keyId: 42, name: 'Kasse', url: 'https://shop.example', events: ['case.status'], secret: 's', now: 1 });
    const d = hooks.enqueue({ webhookId: hook.id, event: 'case.status', body: '{}', now: 1 });
    expect(() => db.prepare(`UPDATE webhook_deliveries SET state = 'lost' WHERE id = ?`).run(d.id)).toThrow(/CHECK/);
    expect(hooks.recordAttempt(d.id, { state: 'delivered', statusCode: 200, error: null, nextAt: null, now: 2 })).toMatchObject({ attempts: 1, body: '' });
    expect(hooks.delete(hook.id)).toBe(true);
    expect(hooks.recent(null, 10)).toEqual([]);
    db.close();
  });
});
