import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { BackupInfo, BackupPreview, BackupSource, BackupStatus } from '../../contract/backup';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import { countsInFile, quickCheckFile, snapshotTo, type BackupRow } from '../../store/backups-repo';
import type { EventBus } from '../event-bus';
import type { RetentionEntry } from '../manager';
import type { Scheduler } from '../scheduler';
import { ARCHIVE_EXTENSION, ArchiveError, DB_ENTRY, extractArchive, readHeader, writeArchive, type Manifest } from './archive';
import { decodeKey, deriveKey, encodeKey, keyCheck, newBackupKey, sameCheck, type BackupKey, type KeyVault } from './keys';
import { STAGING_DIR } from './restore-files';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DAILY_JOB_KEY = 'backup.daily';
export const DAILY_JOB_KIND = 'backup.daily';
/** After a failed automatic backup, the next try. */
const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;
const SETTINGS_KEY = 'backup';
const SHA_RE = /^[0-9a-f]{64}$/;

export interface BackupSettings {
  enabled: boolean;
  folder: string;
  keepDays: number;
}
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { enabled: false, folder: '', keepDays: 14 };

/** The backups' retention for the processing record: how long, encrypted, and where they are kept. */
export function backupRecordEntries(s: BackupSettings): RetentionEntry[] {
  const what = 'Sicherungen (Datenbank und Medien)';
  if (!s.folder) return [{ what, period: 'keine Sicherungen eingerichtet (kein Sicherungsordner gewählt)' }];
  return [
    {
      what,
      period: `${s.keepDays} Tage`,
      note:
        `${s.enabled ? 'täglich automatisch' : 'nur von Hand (automatische Sicherung aus)'}, verschlüsselt mit AES-256-GCM ` +
        `(Schlüssel nur auf diesem PC und als Wiederherstellungs-Passphrase); Speicherort: ${s.folder}; ` +
        'ältere Sicherungen werden gelöscht, die jüngste bleibt immer erhalten; eine Wiederherstellung wendet spätere Löschungen und Widerrufe erneut an',
    },
  ];
}

/** What the host does to restore: stop the app, swap the staged files in, start again, re-apply the journal. */
export type RestoreRequest = (plan: { stagingDir: string; createdAt: number }) => void;

export interface BackupsDeps {
  store: Store;
  /** The folder of the database and media/ (the demo's own folder in demo mode). */
  dataDir: string;
  mediaDir: string;
  vault: KeyVault;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  scheduler: Scheduler;
  schemaVersion: number;
  nativeBinding?: string;
  /** Undefined when no host can restart the app (then restore is refused). */
  requestRestore?: RestoreRequest;
}

const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
};

/**
 * Backups of the database and media: encrypted archives in a folder the shop
 * chose (a NAS), made daily by the scheduler and on demand, kept N days; a
 * preview of what one holds; restore through the host.
 */
export class Backups {
  integrity: BackupStatus['integrity'] = 'unchecked';
  private running: Promise<BackupInfo> | undefined;

  constructor(private readonly d: BackupsDeps) {
    d.scheduler.register(DAILY_JOB_KIND, () => this.daily());
  }

  settings(): BackupSettings {
    return { ...DEFAULT_BACKUP_SETTINGS, ...(this.d.store.settings.get<Partial<BackupSettings>>(SETTINGS_KEY) ?? {}) };
  }

  status(): BackupStatus {
    const s = this.settings();
    const job = this.d.store.jobs.byKey(DAILY_JOB_KEY);
    return {
      enabled: s.enabled,
      folder: s.folder,
      keepDays: s.keepDays,
      keyReady: this.loadKey() !== null,
      lastBackup: this.list()[0] ?? null,
      nextRunAt: s.enabled && job ? iso(job.run_at) : null,
      integrity: this.integrity,
    };
  }

  /** Saves the settings; the first time backups are enabled, makes the key and returns its recovery passphrase (shown once). */
  configure(input: BackupSettings): { status: BackupStatus; recoveryPassphrase: string | null } {
    if (input.folder !== '' || input.enabled) checkFolder(input.folder);
    let recoveryPassphrase: string | null = null;
    if (input.enabled && this.loadKey() === null) {
      const made = newBackupKey();
      this.d.vault.save(encodeKey(made.key));
      recoveryPassphrase = made.passphrase;
    }
    const now = this.d.clock.now();
    this.d.store.settings.set(SETTINGS_KEY, input, now);
    if (input.enabled) {
      // Due a day after the last backup (or after enabling; "Jetzt sichern" makes the first one at once).
      // A PC that was off at that time catches up when it starts.
      const last = this.d.store.backups.list()[0];
      if (!this.d.store.jobs.byKey(DAILY_JOB_KEY)) {
        this.d.scheduler.schedule({ key: DAILY_JOB_KEY, kind: DAILY_JOB_KIND, runAt: (last?.created_at ?? now) + DAY_MS });
      }
    } else {
      this.d.scheduler.cancel(DAILY_JOB_KEY);
    }
    return { status: this.status(), recoveryPassphrase };
  }

  list(): BackupInfo[] {
    return this.d.store.backups.list().map(toInfo);
  }

  /** Makes a backup now; one at a time (a second call waits for the running one). */
  run(trigger: BackupInfo['trigger'] = 'manual'): Promise<BackupInfo> {
    this.running ??= this.make(trigger).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async make(trigger: BackupInfo['trigger']): Promise<BackupInfo> {
    const s = this.settings();
    if (!s.folder) throw new ApiError('conflict', 'choose a backup folder first', { reason: 'folder_required' });
    const key = this.loadKey();
    if (!key) throw new ApiError('conflict', 'enable backups first (that creates the backup key)', { reason: 'no_key' });
    checkFolder(s.folder);
    const now = this.d.clock.now();
    const work = join(this.d.dataDir, 'backup-work');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      const snapshot = join(work, DB_ENTRY);
      await snapshotTo(this.d.store.db, snapshot);
      const counts = countsInFile(snapshot, this.d.nativeBinding);
      const media = existsSync(this.d.mediaDir)
        ? readdirSync(this.d.mediaDir)
            .filter((n) => SHA_RE.test(n))
            .map((n) => ({ name: n, file: join(this.d.mediaDir, n) }))
            .filter((m) => existsSync(m.file))
        : [];
      const manifest: Manifest = { format: 1, createdAt: now, schemaVersion: this.d.schemaVersion, counts, mediaFiles: media.length };
      let name = `tresen-${stamp(now)}${ARCHIVE_EXTENSION}`;
      for (let i = 2; existsSync(join(s.folder, name)); i++) name = `tresen-${stamp(now)}-${i}${ARCHIVE_EXTENSION}`;
      const part = join(s.folder, `${name}.part`);
      let size: number;
      try {
        size = await writeArchive(part, key, { dbFile: snapshot, manifest, media });
        renameSync(part, join(s.folder, name));
      } catch (err) {
        rmSync(part, { force: true });
        throw new ApiError('unavailable', `the backup could not be written to ${s.folder}: ${(err as Error).message}`, { reason: 'write_failed' });
      }
      const id = this.d.store.backups.add({ name, folder: s.folder, size, created_at: now, trigger, ...counts });
      this.applyRetention(s);
      const info = toInfo(this.d.store.backups.byId(id)!);
      this.d.logger.info('backup made', { name, size, trigger });
      this.d.bus.emit('backup.done', { ok: true, backup: info, error: null });
      return info;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** Removes backups older than keepDays (never the newest one, so failing backups never leave none). */
  applyRetention(s: BackupSettings = this.settings()): number {
    const cutoff = this.d.clock.now() - s.keepDays * DAY_MS;
    const rows = this.d.store.backups.list();
    let removed = 0;
    for (const row of rows.slice(1)) {
      if (row.created_at >= cutoff) continue;
      rmSync(join(row.folder, row.name), { force: true });
      this.d.store.backups.remove(row.id);
      removed++;
    }
    return removed;
  }

  private async daily(): Promise<void> {
    let next = this.d.clock.now() + DAY_MS;
    try {
      if (!this.settings().enabled) return;
      await this.run('scheduled');
    } catch (err) {
      next = this.d.clock.now() + RETRY_AFTER_FAILURE_MS;
      const error = err instanceof Error ? err.message : String(err);
      this.d.logger.error('automatic backup failed', { error });
      this.d.bus.emit('backup.done', { ok: false, backup: null, error });
    } finally {
      if (this.settings().enabled) this.d.scheduler.schedule({ key: DAILY_JOB_KEY, kind: DAILY_JOB_KIND, runAt: next });
    }
  }

  /** What the backup holds; nothing on disk changes. */
  async preview(source: BackupSource): Promise<BackupPreview> {
    const staging = join(this.d.dataDir, `${STAGING_DIR}-preview-${randomBytes(4).toString('hex')}`);
    try {
      const manifest = await this.stage(source, staging);
      return { createdAt: iso(manifest.createdAt), ...manifest.counts, reappliesJournal: true };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /** Decrypts and checks the backup, then asks the host to swap it in (the app restarts). */
  async restore(source: BackupSource): Promise<{ restoring: true }> {
    const request = this.d.requestRestore;
    if (!request) throw new ApiError('unavailable', 'this app cannot restart itself here', { reason: 'no_host' });
    const staging = join(this.d.dataDir, STAGING_DIR);
    rmSync(staging, { recursive: true, force: true });
    let manifest: Manifest;
    try {
      manifest = await this.stage(source, staging);
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      throw err;
    }
    request({ stagingDir: staging, createdAt: manifest.createdAt });
    return { restoring: true };
  }

  /** Decrypts the archive into `dir` and checks its database; throws a clear ApiError otherwise. */
  private async stage(source: BackupSource, dir: string): Promise<Manifest> {
    const file = this.fileOf(source);
    const passphrase = 'passphrase' in source ? source.passphrase : undefined;
    let header;
    try {
      header = readHeader(file);
    } catch (err) {
      throw archiveApiError(err);
    }
    const key = this.keyFor(header.salt, header.check, passphrase);
    let manifest: Manifest;
    try {
      manifest = await extractArchive(file, key, dir);
    } catch (err) {
      throw archiveApiError(err);
    }
    const check = quickCheckFile(join(dir, DB_ENTRY), this.d.nativeBinding);
    if (check !== 'ok') throw new ApiError('validation', `the database in the backup is damaged (${check})`, { field: 'file', reason: 'backup_damaged' });
    if (manifest.schemaVersion > this.d.schemaVersion) {
      throw new ApiError('validation', 'the backup was made by a newer Tresen; update first', { field: 'file', reason: 'backup_too_new' });
    }
    return manifest;
  }

  private fileOf(source: BackupSource): string {
    if ('id' in source) {
      const row = this.d.store.backups.byId(source.id);
      if (!row) throw new ApiError('not_found', 'no such backup', { field: 'id' });
      const file = join(row.folder, row.name);
      if (!existsSync(file)) throw new ApiError('not_found', `the backup file is no longer in ${row.folder}`, { field: 'id', reason: 'backup_missing' });
      return file;
    }
    if (!isAbsolute(source.file) || !existsSync(source.file) || !statSync(source.file).isFile()) {
      throw new ApiError('validation', 'file: no such backup file', { field: 'file', reason: 'backup_missing' });
    }
    return source.file;
  }

  private keyFor(salt: Buffer, check: Buffer, passphrase: string | undefined): Buffer {
    if (passphrase !== undefined) {
      const key = deriveKey(passphrase, salt);
      if (!sameCheck(keyCheck(key), check)) throw new ApiError('validation', 'the recovery passphrase does not fit this backup', { field: 'passphrase', reason: 'wrong_passphrase' });
      return key;
    }
    const own = this.loadKey();
    if (own && sameCheck(keyCheck(own.key), check)) return own.key;
    throw new ApiError('validation', 'this backup was made with another key: enter its recovery passphrase', { field: 'passphrase', reason: 'passphrase_required' });
  }

  private loadKey(): BackupKey | null {
    const raw = this.d.vault.load();
    if (!raw) return null;
    try {
      return decodeKey(raw);
    } catch (err) {
      this.d.logger.error('backup key unreadable', { error: String(err) });
      return null;
    }
  }
}

function toInfo(row: BackupRow): BackupInfo {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    createdAt: iso(row.created_at),
    trigger: row.trigger,
    present: existsSync(join(row.folder, row.name)),
  };
}

function archiveApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ArchiveError) {
    const reason = err.reason === 'not_an_archive' ? 'not_a_backup' : err.reason === 'damaged' ? 'backup_damaged' : 'wrong_passphrase';
    return new ApiError('validation', err.message, { field: 'file', reason });
  }
  return new ApiError('validation', `the backup cannot be read: ${err instanceof Error ? err.message : String(err)}`, { field: 'file', reason: 'backup_damaged' });
}

/** The folder must be an absolute path to an existing, writable folder (a NAS share that is not mounted fails here, clearly). */
export function checkFolder(folder: string): void {
  const fail = (reason: string, message: string) => new ApiError('validation', `folder: ${message}`, { field: 'folder', reason });
  if (folder === '') throw fail('folder_required', 'choose a folder for the backups');
  if (!isAbsolute(folder)) throw fail('folder_not_absolute', 'give the full path of the folder');
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw fail('folder_missing', `${folder} does not exist or cannot be reached`);
  }
  if (!isDir) throw fail('folder_missing', `${folder} is not a folder`);
  const probe = join(folder, `.tresen-write-test-${randomBytes(4).toString('hex')}`);
  try {
    accessSync(folder, constants.W_OK);
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch {
    rmSync(probe, { force: true });
    throw fail('folder_not_writable', `${folder} cannot be written to`);
  }
}
