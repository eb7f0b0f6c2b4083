import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, EventName } from '@contract';
import { createApp, type CreatedApp } from '../../../main/app';
import { RUNNING_MARKER } from '../../../main/core/backup';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const DAY = 24 * 60 * 60 * 1000;
let app: CreatedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function call<T>(a: CreatedApp, method: string, input: unknown = {}): Promise<T> {
  const r = await a.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('daily backups and retention', () => {
  it('makes a backup every day through the scheduler and keeps N days (fake clock)', async () => {
    const clock = new ManualClock();
    const nas = tempDir();
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    await call(app, 'backup.configure', { folder: nas, keepDays: 3, enabled: true });
    const scheduler = app.context.scheduler;

    // Nothing is due before a day has passed.
    clock.advance(DAY - 1000);
    await scheduler.runDue();
    expect(await call<BackupInfo[]>(app, 'backup.list')).toEqual([]);

    const made: string[] = [];
    for (let day = 1; day <= 6; day++) {
      clock.t = Date.UTC(2026, 10, 2, 9, 0, 0) + day * DAY;
      // The backup runs (the daily retention job may run in the same pass).
      expect(await scheduler.runDue()).toBeGreaterThanOrEqual(1);
      const list = await call<BackupInfo[]>(app, 'backup.list');
      expect(list[0]).toMatchObject({ trigger: 'scheduled', createdAt: new Date(clock.t).toISOString() });
      made.push(list[0]!.name);
    }
    // Day 6 with 3 days kept: days 3, 4, 5, 6 remain (the cut-off is exactly 3 days back), files included.
    const list = await call<BackupInfo[]>(app, 'backup.list');
    expect(list.map((b) => b.name)).toEqual(made.slice(2).reverse());
    expect(readdirSync(nas).sort()).toEqual(made.slice(2).sort());
    expect((await call<{ nextRunAt: string }>(app, 'backup.status')).nextRunAt).toBe(new Date(clock.t + DAY).toISOString());
  });

  it('a failing automatic backup (the NAS is gone) is reported and tried again, never dropped', async () => {
    const clock = new ManualClock();
    const nas = join(tempDir(), 'nas');
    const { mkdirSync, rmSync } = await import('node:fs');
    mkdirSync(nas);
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
    await call(app, 'backup.configure', { folder: nas, keepDays: 3, enabled: true });
    const events: { event: EventName; payload: unknown }[] = [];
    app.subscribe((event, payload) => events.push({ event, payload }));
    rmSync(nas, { recursive: true });
    clock.advance(DAY);
    await app.context.scheduler.runDue();
    expect(events.find((e) => e.event === 'backup.done')?.payload).toMatchObject({ ok: false, backup: null });
    mkdirSync(nas);
    clock.advance(60 * 60 * 1000);
    await app.context.scheduler.runDue();
    expect(await call<BackupInfo[]>(app, 'backup.list')).toHaveLength(1);
  });

  it('never deletes the newest backup, however old', async () => {
    const clock = new ManualClock();
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
    await call(app, 'backup.configure', { folder: tempDir(), keepDays: 1, enabled: false });
    await call(app, 'backup.configure', { folder: tempDir(), keepDays: 1, enabled: true });
    await call(app, 'backup.run');
    clock.advance(30 * DAY);
    expect(app.context.backups.applyRetention()).toBe(0);
    expect(await call<BackupInfo[]>(app, 'backup.list')).toHaveLength(1);
  });
});

describe('integrity check off the start path', () => {
  it('runs only after an unclean shutdown and offers the latest backup when the file is damaged', async () => {
    const dataDir = tempDir();
    const nas = tempDir();
    app = await createApp({ dataDir, demo: true, logger: silentLogger });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    await call(app, 'backup.configure', { folder: nas, keepDays: 3, enabled: true });
    const backup = await call<BackupInfo>(app, 'backup.run');
    expect(existsSync(join(dataDir, RUNNING_MARKER))).toBe(true);
    await app.close();
    // A clean shutdown removes the marker: the next start does not check.
    expect(existsSync(join(dataDir, RUNNING_MARKER))).toBe(false);

    // Damage a page no start-up query reads, and leave the marker as a power cut would.
    const file = join(dataDir, 'tresen.sqlite3');
    const probe = new Database(file, { readonly: true });
    const root = probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'announcement_recipients'`).pluck().get() as number;
    probe.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, (root - 1) * pageSize, root * pageSize);
    writeFileSync(file, bytes);
    writeFileSync(join(dataDir, RUNNING_MARKER), '1');

    const events: { event: EventName; payload: unknown }[] = [];
    app = await createApp({ dataDir, demo: true, logger: silentLogger, integrityCheckDelayMs: 0 });
    app.subscribe((event, payload) => events.push({ event, payload }));
    const offer = await eventually(() => events.find((e) => e.event === 'backup.damaged'));
    expect(offer.payload).toMatchObject({ latest: { id: backup.id, name: backup.name } });
    expect((offer.payload as { detail: string }).detail).not.toBe('ok');
    expect(await call(app, 'backup.status')).toMatchObject({ integrity: 'damaged' });
  });

  it('does not check after a clean shutdown', async () => {
    const dataDir = tempDir();
    app = await createApp({ dataDir, demo: true, logger: silentLogger, integrityCheckDelayMs: 0 });
    await app.close();
    app = await createApp({ dataDir, demo: true, logger: silentLogger, integrityCheckDelayMs: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(await call(app, 'backup.status')).toMatchObject({ integrity: 'unchecked' });
    await app.close();
    // After a kill (marker left behind) the file is checked, and passes.
    writeFileSync(join(dataDir, RUNNING_MARKER), '1');
    app = await createApp({ dataDir, demo: true, logger: silentLogger, integrityCheckDelayMs: 0 });
    await eventually(async () => (await call<{ integrity: string }>(app!, 'backup.status')).integrity === 'ok');
  });
});
