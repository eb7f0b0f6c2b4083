export { Backups, backupRecordEntries, checkFolder, DAY_MS, DAILY_JOB_KEY, type BackupSettings, type RestoreRequest } from './backups';
export { IntegrityMonitor, RUNNING_MARKER } from './integrity';
export { fileKeyVault, type KeyVault } from './keys';
export { swapInStaged, STAGING_DIR, FALLBACK_DIR } from './restore-files';
export type { ReapplyJournal } from './reapply';
