import { z } from 'zod';
import { method } from './define';
import { Id } from './models';

/** Backups of the database and media, restore, and the integrity check (manager only). */

export const BACKUP_KEEP_DAYS_MAX = 365;

export const BackupInfo = z.object({
  id: z.number().int(),
  /** The archive's file name in the backup folder. */
  name: z.string(),
  /** Bytes of the encrypted archive. */
  size: z.number().int(),
  /** When the backup was made (ISO time). */
  createdAt: z.string(),
  /** 'scheduled' (the daily job) or 'manual' ("Jetzt sichern", the local API). */
  trigger: z.enum(['scheduled', 'manual']),
  /** False when the file is no longer in the folder. */
  present: z.boolean(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupStatus = z.object({
  enabled: z.boolean(),
  /** The folder the archives go to (a NAS path); '' when none chosen. */
  folder: z.string(),
  keepDays: z.number().int(),
  /** A backup key exists on this PC (created when backups were first enabled). */
  keyReady: z.boolean(),
  lastBackup: BackupInfo.nullable(),
  /** When the next automatic backup runs (ISO), null when off. */
  nextRunAt: z.string().nullable(),
  /** The last integrity check of the database file. */
  integrity: z.enum(['unchecked', 'ok', 'damaged']),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const BackupPreview = z.object({
  createdAt: z.string(),
  contacts: z.number().int(),
  messages: z.number().int(),
  media: z.number().int(),
  /** Always true: erasures and withdrawals made after the backup are applied again after a restore. */
  reappliesJournal: z.literal(true),
});
export type BackupPreview = z.infer<typeof BackupPreview>;

/** Which backup: one from the list, or an archive file (e.g. on a new PC, with the recovery passphrase). */
export const BackupSource = z.union([
  z.object({ id: Id }).strict(),
  z
    .object({
      file: z.string().trim().min(1).max(1000),
      /** The recovery passphrase shown when backups were enabled; needed when this PC does not hold the key. */
      passphrase: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
]);
export type BackupSource = z.infer<typeof BackupSource>;

export const backupMethods = {
  'backup.status': method(z.object({}).strict(), BackupStatus, 'Backup settings, the last backup and the integrity state.', {
    access: 'manager',
    audit: true,
  }),
  'backup.configure': method(
    z
      .object({
        folder: z.string().trim().max(1000),
        keepDays: z.number().int().min(1).max(BACKUP_KEEP_DAYS_MAX),
        enabled: z.boolean(),
      })
      .strict(),
    z.object({
      status: BackupStatus,
      /** Shown once, when backups are first enabled: with it a backup can be restored on another PC. */
      recoveryPassphrase: z.string().nullable(),
    }),
    'Sets the folder, how many days backups are kept and whether the daily backup runs; checks the folder is writable.',
    { access: 'manager', audit: true },
  ),
  'backup.run': method(z.object({}).strict(), BackupInfo, 'Makes a backup now (database and media, encrypted).', {
    access: 'manager',
    audit: true,
  }),
  'backup.list': method(z.object({}).strict(), z.array(BackupInfo), 'The backups made, newest first.', { access: 'manager', audit: true }),
  'backup.preview': method(BackupSource, BackupPreview, 'What a backup holds (counts and time), before restoring it.', {
    access: 'manager',
    audit: true,
  }),
  'backup.restore': method(
    z.object({ source: BackupSource, confirm: z.literal(true) }).strict(),
    z.object({ restoring: z.literal(true) }),
    'Replaces the database and media with the backup (the app restarts; erasures and withdrawals made since are applied again).',
    { access: 'manager', audit: true },
  ),
} as const;

export const backupEvents = {
  /** The database file failed its integrity check: the UI offers the latest backup. */
  'backup.damaged': z.object({ detail: z.string(), latest: BackupInfo.nullable() }),
  /** A backup was restored and the app runs on it now: the UI reloads everything. */
  'backup.restored': z.object({ createdAt: z.string() }),
  /** A backup finished (manual or scheduled) or failed. */
  'backup.done': z.object({ ok: z.boolean(), backup: BackupInfo.nullable(), error: z.string().nullable() }),
} as const;
