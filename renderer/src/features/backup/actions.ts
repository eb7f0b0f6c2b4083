import type { BackupSource } from '@contract';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { api } from '../../api';
import { useUi } from '../../store/ui';
import { useBackup } from './backup-store';

/** The backup section's actions: components read useBackup and call these. */
export function createBackupActions(client: ApiClient) {
  const fail = (err: unknown) => useBackup.setState({ busy: null, notice: { kind: 'error', error: toApiError(err) } });
  const refresh = async (): Promise<void> => {
    try {
      const [status, list] = await Promise.all([client.call('backup.status', {}), client.call('backup.list', {})]);
      useBackup.setState({ status, list });
    } catch (err) {
      fail(err);
    }
  };
  const preview = async (source: BackupSource, label: string): Promise<void> => {
    useBackup.setState({ busy: 'previewing', notice: null, preview: null });
    try {
      const value = await client.call('backup.preview', source);
      useBackup.setState({ busy: null, preview: { source, label, value } });
    } catch (err) {
      fail(err);
    }
  };
  return {
    refresh,
    open(): Promise<void> {
      useBackup.setState({ notice: null });
      return refresh();
    },
    async save(input: { folder: string; keepDays: number; enabled: boolean }): Promise<void> {
      useBackup.setState({ busy: 'saving', notice: null });
      try {
        const r = await client.call('backup.configure', input);
        useBackup.setState({ busy: null, status: r.status, notice: { kind: 'ok', text: 'saved' }, passphrase: r.recoveryPassphrase ?? useBackup.getState().passphrase });
      } catch (err) {
        fail(err);
      }
    },
    forgetPassphrase(): void {
      useBackup.setState({ passphrase: null });
    },
    async runNow(): Promise<void> {
      useBackup.setState({ busy: 'running', notice: null });
      try {
        await client.call('backup.run', {});
        useBackup.setState({ busy: null, notice: { kind: 'ok', text: 'backedUp' } });
        await refresh();
      } catch (err) {
        fail(err);
      }
    },
    preview,
    cancelPreview(): void {
      useBackup.setState({ preview: null });
    },
    /** Main restarts the app on the backup and sends backup.restored; the UI reloads then. */
    async restore(): Promise<void> {
      const p = useBackup.getState().preview;
      if (!p) return;
      useBackup.setState({ busy: 'restoring', notice: null });
      try {
        await client.call('backup.restore', { source: p.source, confirm: true });
      } catch (err) {
        fail(err);
      }
    },
    /** "Sicherung wiederherstellen" in the banner: settings at the backup section, the latest backup's preview open. */
    offerLatest(): void {
      const latest = useBackup.getState().damaged?.latest;
      useUi.getState().showSettings('backup');
      if (latest) void preview({ id: latest.id }, latest.createdAt);
    },
    watch(): () => void {
      const offs = [
        client.on('backup.restored', () => window.location.reload()),
        client.on('backup.damaged', (p) => useBackup.setState({ damaged: p })),
        client.on('backup.done', () => {
          if (useUi.getState().open.settings) void refresh();
        }),
      ];
      // The check may have run before this window connected.
      client
        .call('backup.status', {})
        .then((status) => {
          if (status.integrity !== 'damaged') return;
          const latest = status.lastBackup;
          useBackup.setState({ damaged: { detail: '', latest } });
        })
        .catch(() => {});
      return () => offs.forEach((off) => off());
    },
  };
}

export const backupActions = createBackupActions(api);
