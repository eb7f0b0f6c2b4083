import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupPreview, EventName } from '@contract';
import { AppHost } from '../../../main/host';
import type { Store } from '../../../main/store';
import { extractArchive } from '../../../main/core/backup/archive';
import { decodeKey } from '../../../main/core/backup/keys';
import { eventually, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

let host: AppHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function call<T>(h: AppHost, method: string, input: unknown = {}): Promise<T> {
  const r = await h.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.reason ?? ''} ${r.error.message}`);
  return r.value as T;
}

async function refused(h: AppHost, method: string, input: unknown) {
  const r = await h.dispatch(method, input);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}

/** What the customer data of a database is (ignoring delivery states the simulator moves on its own). */
function customerData(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      contacts: db.prepare('SELECT id, phone FROM contacts ORDER BY id').all(),
      messages: db.prepare('SELECT id, body, media_id FROM messages ORDER BY id').all(),
      media: db.prepare('SELECT * FROM media ORDER BY id').all(),
      consent: db.prepare('SELECT * FROM consent_events ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

/** Every table, every row, as sorted JSON lines (blobs as hex). */
function dumpAll(dbFile: string): Record<string, string[]> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const out: Record<string, string[]> = {};
    for (const t of tables) {
      const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
      out[t] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function mediaFiles(dataDir: string): Record<string, string> {
  const dir = join(dataDir, 'media');
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name)).toString('hex');
  return out;
}

async function shopWithData(dataDir: string, extra: Partial<Parameters<typeof AppHost.start>[0]> = {}) {
  const h = await AppHost.start({ dataDir, forceDemo: true, logger: silentLogger, ...extra });
  for (const [i, phone] of ['+4915111111111', '+4915122222222', '+4915133333333'].entries()) {
    await call(h, 'sim.send', { phone, text: 'Hallo, ist mein Rad fertig?' });
    await call(h, 'sim.send', { phone, text: 'JA' });
    await call(h, 'sim.send', { phone, text: `Kundenwort Zitronenfalter${i}` });
  }
  await call(h, 'sim.send', { phone: '+4915111111111', text: 'Foto', media: { mime: 'image/png', fileName: 'rad.png', data: PNG.toString('base64') } });
  await call(h, 'sim.send', {
    phone: '+4915122222222',
    media: { mime: 'application/pdf', fileName: 'rechnung.pdf', data: Buffer.from('%PDF-1.4\nRechnung Nr. 4711\n%%EOF\n').toString('base64') },
  });
  return h;
}

describe('backup and restore', () => {
  it('round trip: every table row by row and every media file byte by byte; the journal is re-applied from the backup time', async () => {
    const dataDir = tempDir();
    const nas = tempDir();
    const reapplied: { since: number; contacts: number }[] = [];
    const reapplyJournal = (store: Store, since: number) => {
      reapplied.push({ since, contacts: store.backups.counts().contacts });
      return { erased: 0, revoked: 0 };
    };
    host = await shopWithData(dataDir, { reapplyJournal });
    const events: EventName[] = [];
    host.subscribe((e) => events.push(e));

    const first = await call<{ recoveryPassphrase: string | null }>(host, 'backup.configure', { folder: nas, keepDays: 7, enabled: true });
    expect(first.recoveryPassphrase).toMatch(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/);
    // Shown once: enabling again does not make or show a new one.
    expect((await call<{ recoveryPassphrase: string | null }>(host, 'backup.configure', { folder: nas, keepDays: 7, enabled: true })).recoveryPassphrase).toBeNull();

    const dbFile = join(dataDir, 'tresen.sqlite3');
    // The simulator acknowledges asynchronously: wait until every message the shop sent is delivered,
    // so nothing changes between this snapshot and the backup.
    const db = host.current.context.store.db;
    await eventually(() => db.prepare(`SELECT count(*) FROM messages WHERE direction = 'out' AND status <> 'delivered'`).pluck().get() === 0);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dumpAll(dbFile);
    const mediaBefore = mediaFiles(dataDir);
    expect(Object.keys(mediaBefore)).toHaveLength(2);
    expect(before.messages!.length).toBeGreaterThan(9);

    const info = await call<BackupInfo>(host, 'backup.run');
    expect(info).toMatchObject({ trigger: 'manual', present: true });
    expect(existsSync(join(nas, info.name))).toBe(true);
    expect(await call<BackupInfo[]>(host, 'backup.list')).toEqual([info]);

    // Life goes on after the backup: a new customer, and a media file is lost.
    await call(host, 'sim.send', { phone: '+4915144444444', text: 'Neu nach der Sicherung' });
    const preview = await call<BackupPreview>(host, 'backup.preview', { id: info.id });
    expect(preview).toEqual({ createdAt: info.createdAt, contacts: 3, messages: before.messages!.length, media: 2, reappliesJournal: true });

    expect(await call(host, 'backup.restore', { source: { id: info.id }, confirm: true })).toEqual({ restoring: true });
    await host.settled();
    expect(events).toContain('backup.restored');

    const after = dumpAll(dbFile);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // Every table as it was, except that the list of backups carries on (it includes the one restored from).
    const listed = after.backups!;
    expect(listed).toHaveLength(1);
    expect(JSON.parse(listed[0]!)).toMatchObject({ name: info.name, folder: nas });
    after.backups = before.backups!;
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    expect((await call<BackupInfo[]>(host, 'backup.list')).map((b) => b.name)).toEqual([info.name]);
    expect(mediaFiles(dataDir)).toEqual(mediaBefore);
    expect(reapplied).toEqual([{ since: Date.parse(info.createdAt), contacts: 3 }]);
    // The replaced files are gone once the restored database opened.
    expect(existsSync(join(dataDir, 'restore-fallback'))).toBe(false);
    expect(existsSync(join(dataDir, 'restore-staging'))).toBe(false);
    // And the restored app works.
    await call(host, 'sim.send', { phone: '+4915111111111', text: 'Nach der Wiederherstellung' });
  });

  it('the archive holds no customer word in plain text, though the decrypted one does', async () => {
    const dataDir = tempDir();
    const nas = tempDir();
    host = await shopWithData(dataDir);
    await call(host, 'backup.configure', { folder: nas, keepDays: 7, enabled: true });
    const info = await call<BackupInfo>(host, 'backup.run');
    const archive = readFileSync(join(nas, info.name));
    for (const word of ['Zitronenfalter0', 'Zitronenfalter2', '4915111111111', 'Rechnung Nr. 4711']) {
      expect(archive.includes(Buffer.from(word))).toBe(false);
    }
    // Without the encryption the words would be there (the archive stores the database uncompressed).
    const key = decodeKey(readFileSync(join(dataDir, 'backup.key')));
    const out = join(tempDir(), 'x');
    await extractArchive(join(nas, info.name), key.key, out);
    const zip = readFileSync(join(out, 'archive.zip'));
    expect(zip.includes(Buffer.from('Zitronenfalter0'))).toBe(true);
  });

  it('restores on a new PC from the recovery passphrase; a wrong passphrase or a damaged archive changes nothing', async () => {
    const oldPc = tempDir();
    const nas = tempDir();
    host = await shopWithData(oldPc);
    const { recoveryPassphrase } = await call<{ recoveryPassphrase: string }>(host, 'backup.configure', { folder: nas, keepDays: 7, enabled: true });
    const info = await call<BackupInfo>(host, 'backup.run');
    await host.close();

    const newPc = tempDir();
    host = await AppHost.start({ dataDir: newPc, forceDemo: true, logger: silentLogger });
    await call(host, 'sim.send', { phone: '+4915199999999', text: 'Nur auf dem neuen PC' });
    const events: EventName[] = [];
    host.subscribe((e) => events.push(e));
    const file = join(nas, info.name);
    const dbFile = join(newPc, 'tresen.sqlite3');
    host.current.context.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const untouched = customerData(dbFile);
    const mediaUntouched = mediaFiles(newPc);

    // This PC has no key for it: the passphrase is needed.
    expect(await refused(host, 'backup.preview', { file })).toMatchObject({ code: 'validation', reason: 'passphrase_required' });
    expect(await refused(host, 'backup.restore', { source: { file, passphrase: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' }, confirm: true })).toMatchObject({
      code: 'validation',
      reason: 'wrong_passphrase',
    });
    const damaged = join(tempDir(), 'damaged.tresenbak');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(damaged, bytes);
    expect(await refused(host, 'backup.restore', { source: { file: damaged, passphrase: recoveryPassphrase }, confirm: true })).toMatchObject({
      code: 'validation',
      reason: 'backup_damaged',
    });
    const notOurs = join(tempDir(), 'photo.tresenbak');
    writeFileSync(notOurs, PNG);
    expect(await refused(host, 'backup.preview', { file: notOurs, passphrase: recoveryPassphrase })).toMatchObject({ reason: 'not_a_backup' });
    await host.settled();
    expect(events).not.toContain('backup.restored');
    host.current.context.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(customerData(dbFile)).toEqual(untouched);
    expect(mediaFiles(newPc)).toEqual(mediaUntouched);
    expect(readdirSync(newPc).filter((n) => n.startsWith('restore'))).toEqual([]);

    // Typed with spaces and in lower case, the passphrase still fits.
    const typed = recoveryPassphrase.toLowerCase().replaceAll('-', ' ');
    expect(await call<BackupPreview>(host, 'backup.preview', { file, passphrase: typed })).toMatchObject({ contacts: 3, media: 2 });
    await call(host, 'backup.restore', { source: { file, passphrase: typed }, confirm: true });
    await host.settled();
    expect(events).toContain('backup.restored');
    const contacts = host.current.context.store.backups.counts().contacts;
    expect(contacts).toBe(3);
    expect(mediaFiles(newPc)).toEqual(mediaFiles(oldPc));
  });

  it('refuses a folder that does not exist or is not a folder, with a clear reason', async () => {
    const dataDir = tempDir();
    host = await AppHost.start({ dataDir, forceDemo: true, logger: silentLogger });
    expect(await refused(host, 'backup.configure', { folder: join(dataDir, 'nas-not-mounted'), keepDays: 7, enabled: true })).toMatchObject({
      code: 'validation',
      field: 'folder',
      reason: 'folder_missing',
    });
    const aFile = join(dataDir, 'a-file');
    writeFileSync(aFile, 'x');
    expect(await refused(host, 'backup.configure', { folder: aFile, keepDays: 7, enabled: true })).toMatchObject({ reason: 'folder_missing' });
    expect(await refused(host, 'backup.configure', { folder: 'relative/path', keepDays: 7, enabled: true })).toMatchObject({ reason: 'folder_not_absolute' });
    expect(await refused(host, 'backup.run', {})).toMatchObject({ code: 'conflict', reason: 'folder_required' });
    // Nothing was saved, and no key was made.
    expect(await call(host, 'backup.status')).toMatchObject({ enabled: false, folder: '', keyReady: false });
    expect(existsSync(join(dataDir, 'backup.key'))).toBe(false);
  });

  it('keeps the key in a file only its owner can read (serve mode)', async () => {
    const dataDir = tempDir();
    host = await AppHost.start({ dataDir, forceDemo: true, logger: silentLogger });
    await call(host, 'backup.configure', { folder: tempDir(), keepDays: 7, enabled: true });
    const { statSync } = await import('node:fs');
    expect(statSync(join(dataDir, 'backup.key')).mode & 0o777).toBe(0o600);
  });

  it('copies a damaged file aside: quick_check in a worker finds it', async () => {
    const dataDir = tempDir();
    host = await shopWithData(dataDir);
    host.current.context.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const { quickCheckFile, quickCheckInWorker } = await import('../../../main/store/backups-repo');
    const copy = join(tempDir(), 'copy.sqlite3');
    copyFileSync(join(dataDir, 'tresen.sqlite3'), copy);
    expect(await quickCheckInWorker(copy)).toBe('ok');
    const probe = new Database(copy, { readonly: true });
    const root = probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'messages'`).pluck().get() as number;
    probe.close();
    const bytes = readFileSync(copy);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the messages table's b-tree page, keep the file header.
    bytes.fill(0x5a, (root - 1) * pageSize, root * pageSize);
    writeFileSync(copy, bytes);
    const found = await quickCheckInWorker(copy);
    expect(found).not.toBe('ok');
    expect(quickCheckFile(copy)).toBe(found);
  });
});
