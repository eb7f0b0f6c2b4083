import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { journalSince, phoneHash, loadInstallSalt, reapplyJournal } from '../../../main/core/compliance';
import { DB_FILE_NAME, Store } from '../../../main/store';
import { ConsentEngine } from '../../../main/core/consent/engine';
import { EventBus } from '../../../main/core/event-bus';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const ERASED = '+4915100000011';
const STOPPED = '+4915100000012';
let app: CreatedApp | undefined;
let store: Store | undefined;
afterEach(async () => {
  await app?.close();
  store?.close();
  app = undefined;
  store = undefined;
});

describe('restore guard', () => {
  it('a restored older database gets the later erasure and revocation again, and nothing twice', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    app = await createApp({ dataDir: dir, demo: true, logger: silentLogger, clock });
    const sim = app.channel as SimulatorChannel;
    for (const p of [ERASED, STOPPED]) {
      await sim.customerSends(p, 'START');
      await sim.customerSends(p, 'JA');
    }
    await eventually(() => sim.phone(STOPPED).filter((m) => m.direction === 'out').length >= 2);
    const backup = join(tempDir(), 'backup.sqlite3');
    app.context.store.db.exec(`VACUUM INTO '${backup}'`);
    const backupAt = clock.now();

    clock.advance(60_000);
    await app.context.compliance.erasure.eraseContact(app.context.store.contacts.byPhone(ERASED)!.id);
    await sim.customerSends(STOPPED, 'STOP');
    await app.close();
    app = undefined;
    expect(journalSince(dir, backupAt)).toEqual({ erasures: 1, revocations: 1 });
    expect(journalSince(dir, clock.now() + 1)).toEqual({ erasures: 0, revocations: 0 });

    // Restore: the old database file replaces the current one.
    for (const f of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`]) rmSync(join(dir, f), { force: true });
    copyFileSync(backup, join(dir, DB_FILE_NAME));
    store = Store.open(dir);
    expect(store.contacts.byPhone(ERASED)).toBeDefined();

    const first = reapplyJournal(store, backupAt, { dataDir: dir, clock });
    expect(first).toEqual({ entries: 2, erased: 1, tombstones: 1, revoked: 1 });
    expect(store.contacts.byPhone(ERASED)).toBeUndefined();
    expect(store.compliance.isTombstoned(phoneHash(loadInstallSalt(dir), ERASED))).toBe(true);
    const stopped = store.contacts.byPhone(STOPPED)!;
    expect(store.consent.state(stopped.id, 'service')).toBe('revoked');
    const engine = new ConsentEngine(store, new EventBus(), clock, silentLogger, { demo: true });
    expect(engine.verify()).toMatchObject({ ok: true });

    expect(reapplyJournal(store, backupAt, { dataDir: dir, clock })).toEqual({ entries: 2, erased: 0, tombstones: 1, revoked: 0 });
  });
});
