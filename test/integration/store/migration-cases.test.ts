import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { CasesRepo } from '../../../main/store/cases-repo';
import { migrations } from '../../../main/store/migrations';
import { migration007 as migrationCases } from '../../../main/store/migrations/007_cases';
import { caseRow } from '../../helpers/case-row';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migrationCases.version);
const upTo = migrations.filter((m) => m.version <= migrationCases.version);

describe('migration (cases)', () => {
  it('upgrades a database of the previous version with data and adds the case tables', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    migrate(db, upTo);
    expect(db.pragma('user_version', { simple: true })).toBe(migrationCases.version);
    expect(db.prepare('SELECT phone FROM contacts').get()).toEqual({ phone: '+4915112345678' });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['cases', 'case_history', 'case_links', 'case_sequences', 'case_reminders']) expect(tables).toContain(t);
    db.close();
  });

  it('numbers grow per prefix and year past 9999, a number is unique, history goes with its case', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, upTo);
    const repo = new CasesRepo(db);
    expect(repo.nextSequence('REP', 2026)).toBe(1);
    expect(repo.nextSequence('REP', 2026)).toBe(2);
    expect(repo.nextSequence('PUP', 2026)).toBe(1);
    expect(repo.nextSequence('REP', 2027)).toBe(1);
    repo.raiseSequence('REP', 2026, 9999);
    repo.raiseSequence('REP', 2026, 5); // never lowers
    expect(repo.nextSequence('REP', 2026)).toBe(10000);

    const row = caseRow({ id: 'c1', number: 'REP-2026-0001', phone: '+4915112345678' });
    repo.insert(row);
    expect(() => repo.insert({ ...row, id: 'c2' })).toThrow(/UNIQUE/);
    expect(() => repo.insert({ ...row, id: 'c3', number: 'X-1', type: 'bicycle' })).toThrow(/CHECK/);
    repo.addHistory({ case_id: 'c1', at: 1, from_status: null, to_status: 'received', actor: 'api', note: null, notice: null });
    expect(repo.markReminder('k1', 'c1', 'pickup_day_before', 2)).toBe(true);
    expect(repo.markReminder('k1', 'c1', 'pickup_day_before', 3)).toBe(false);
    db.prepare(`DELETE FROM cases WHERE id = 'c1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM case_history').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM case_reminders').get()).toEqual({ n: 0 });
    db.close();
  });
});
