import { create } from 'zustand';
import type { BackupInfo, BackupPreview, BackupSource, BackupStatus } from '@contract';
import type { ApiError } from '@contract/errors';

export interface BackupState {
  status: BackupStatus | null;
  list: BackupInfo[];
  /** Shown once, right after backups were first enabled; gone when the manager confirms or leaves. */
  passphrase: string | null;
  busy: 'saving' | 'running' | 'previewing' | 'restoring' | null;
  /** The backup being looked at before a restore, and what it holds. */
  preview: { source: BackupSource; label: string; value: BackupPreview } | null;
  notice: { kind: 'ok'; text: 'saved' | 'backedUp' } | { kind: 'error'; error: ApiError } | null;
  /** The database file failed its check (event from main). */
  damaged: { detail: string; latest: BackupInfo | null } | null;
}

export const useBackup = create<BackupState>()(() => ({
  status: null,
  list: [],
  passphrase: null,
  busy: null,
  preview: null,
  notice: null,
  damaged: null,
}));
