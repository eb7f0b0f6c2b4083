import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteSyncStore } from '../../../main/channels/whatsapp/sync-store';
import { migration003 } from '../../../main/store/migrations/003_whatsapp';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('migration 003 and the WhatsApp sync store', () => {
  it('creates its tables and keeps checkpoint, sends and media retries across reopen', () => {
    const file = join(tempDir(), 'tresen.sqlite3');
    let db = new Database(file);
    expect(migration003.version).toBe(3);
    migration003.up(db);
    const s = new SqliteSyncStore(db);
    expect(s.getCheckpoint()).toBe(0);
    s.setCheckpoint(1_700_000_000);
    s.beginSend({ idempotencyKey: 'k1', chatId: 'c@c.us', body: 'Hallo', startedAt: 5 });
    s.beginSend({ idempotencyKey: 'k1', chatId: 'other@c.us', body: 'changed', startedAt: 9 }); // a retry keeps the first record
    s.addMediaRetry({ externalId: 'm1', chatId: 'c@c.us', attempts: 1, nextAttemptAt: 100, lastError: 'net' });
    s.addMediaRetry({ externalId: 'm2', chatId: 'c@c.us', attempts: 1, nextAttemptAt: 300, lastError: 'net' });
    db.close();

    db = new Database(file);
    const t = new SqliteSyncStore(db);
    expect(t.getCheckpoint()).toBe(1_700_000_000);
    expect(t.getSend('k1')).toEqual({ idempotencyKey: 'k1', chatId: 'c@c.us', body: 'Hallo', startedAt: 5, externalId: null });
    expect(t.isOwnSend('true_c@c.us_X')).toBe(false);
    t.finishSend('k1', 'true_c@c.us_X', 7);
    expect(t.getSend('k1')?.externalId).toBe('true_c@c.us_X');
    expect(t.isOwnSend('true_c@c.us_X')).toBe(true);
    expect(t.dueMediaRetries(200, 10).map((r) => r.externalId)).toEqual(['m1']);
    t.updateMediaRetry('m1', 2, 400, 'again');
    expect(t.dueMediaRetries(500, 10).map((r) => [r.externalId, r.attempts])).toEqual([
      ['m2', 1],
      ['m1', 2],
    ]);
    t.removeMediaRetry('m1');
    expect(t.dueMediaRetries(500, 10)).toHaveLength(1);
    db.close();
  });

  it('refuses a second send row with the same external id', () => {
    const db = new Database(join(tempDir(), 't.sqlite3'));
    migration003.up(db);
    const s = new SqliteSyncStore(db);
    s.beginSend({ idempotencyKey: 'a', chatId: 'c', body: '', startedAt: 1 });
    s.beginSend({ idempotencyKey: 'b', chatId: 'c', body: '', startedAt: 1 });
    s.finishSend('a', 'X', 2);
    expect(() => s.finishSend('b', 'X', 2)).toThrow(/UNIQUE/);
    db.close();
  });
});
