import type { AppContext } from '../../app-context';
import type { Handlers } from '../router';

type BackupHandlers = Pick<
  Handlers,
  'backup.status' | 'backup.configure' | 'backup.run' | 'backup.list' | 'backup.preview' | 'backup.restore'
>;

export function backupHandlers(ctx: AppContext): BackupHandlers {
  const b = ctx.backups;
  return {
    'backup.status': () => b.status(),
    'backup.configure': (input) => b.configure(input),
    'backup.run': () => b.run('manual'),
    'backup.list': () => b.list(),
    'backup.preview': (source) => b.preview(source),
    'backup.restore': ({ source }) => b.restore(source),
  };
}
