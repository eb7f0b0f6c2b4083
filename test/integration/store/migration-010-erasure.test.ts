import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { migrations } from '../../../main/store/migrations';
import { migration010 } from '../../../main/store/migrations/010_erasure';
import { eventHashV1, GENESIS_HASH, verifyChain, type ChainHead } from '../../../main/store/consent-chain';
import { ConsentRepo } from '../../../main/store/consent-repo';
import { registerSearchFunctions } from '../../../main/store/fold';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration010.version);

/** A version-8 database with a contact and two events chained the old way (words in the details). */
function oldDatabase(tamper = false) {
  const db = new Database(join(tempDir(), 'a.sqlite3'));
  registerSearchFunctions(db);
  migrate(db, before);
  db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
  db.prepare(`INSERT INTO conversations (contact_id) VALUES (1)`).run();
  let prev = GENESIS_HASH;
  let head: ChainHead | undefined;
  const events = [
    { to: 'requested', from: 'none', ref: 'false_4915112345678@c.us_A1', at: 1000, words: 'START' },
    { to: 'granted', from: 'requested', ref: 'false_4915112345678@c.us_A2', at: 2000, words: 'JA' },
  ];
  events.forEach((e, i) => {
    const f = { contact_id: 1, purpose: 'service', from_state: e.from, to_state: e.to, trigger_kind: 'message', trigger_ref: e.ref, policy_version: 1, policy_hash: 'p', at: e.at, prev_hash: prev };
    const hash = eventHashV1(f);
    db.prepare(
      `INSERT INTO consent_events (contact_id, purpose, from_state, to_state, trigger_kind, trigger_ref, policy_version, policy_hash, at, prev_hash, hash)
       VALUES (@contact_id, @purpose, @from_state, @to_state, @trigger_kind, @trigger_ref, @policy_version, @policy_hash, @at, @prev_hash, @hash)`,
    ).run({ ...f, hash: tamper && i === 0 ? hash.replace(/^./, '0') : hash });
    db.prepare(`INSERT INTO consent_event_details (event_id, words, sent_text, method) VALUES (?, ?, 'Text', 'message')`).run(i + 1, e.words);
    prev = hash;
    head = { count: i + 1, lastId: i + 1, hash };
  });
  db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('consent.chainHead', ?, 1)`).run(JSON.stringify(head));
  return db;
}

describe('migration 010 (erasure)', () => {
  it('splits the personal fields off the chain, re-hashes it, and the chain verifies afterwards', () => {
    const db = oldDatabase();
    migrate(db, [...before, migration010]);
    expect(db.pragma('user_version', { simple: true })).toBe(migration010.version);
    const repo = new ConsentRepo(db);
    const rows = repo.all();
    expect(rows.map((r) => [r.to_state, r.personal?.words, r.personal?.phone, r.personal?.trigger_ref])).toEqual([
      ['requested', 'START', '+4915112345678', 'false_4915112345678@c.us_A1'],
      ['granted', 'JA', '+4915112345678', 'false_4915112345678@c.us_A2'],
    ]);
    expect(verifyChain(rows, repo.head())).toEqual([]);
    expect(repo.migrationNote()).toMatchObject({ events: 2, v1Problems: [] });
    // The chain table holds nothing personal any more; details keep the non-personal part.
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('consent_events')`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('trigger_ref');
    expect(repo.details(1)).toMatchObject({ words: 'START', sent_text: 'Text', method: 'message' });
    // The inbox summary trigger is back.
    expect(db.prepare('SELECT service_state FROM conversations').get()).toEqual({ service_state: 'granted' });
    repo.append({ contactId: 1, purpose: 'service', from: 'granted', to: 'revoked', triggerKind: 'message', triggerRef: 'x', policyVersion: 1, policyHash: 'p', at: 3000, words: 'STOP' });
    expect(db.prepare('SELECT service_state FROM conversations').get()).toEqual({ service_state: 'revoked' });
    expect(verifyChain(repo.all(), repo.head())).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM tombstones').get()).toEqual({ n: 0 });
    db.close();
  });

  it('an old chain that was already broken stays reported after re-hashing', () => {
    const db = oldDatabase(true);
    migrate(db, [...before, migration010]);
    const note = new ConsentRepo(db).migrationNote();
    expect(note?.v1Problems.length).toBeGreaterThan(0);
    expect(note?.v1Problems[0]?.problem).toMatch(/Vor der Umstellung/);
    db.close();
  });
});
