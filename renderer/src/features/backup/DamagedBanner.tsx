import { useTranslation } from '../../i18n/use-translation';
import { backupActions } from './actions';
import { useBackup } from './backup-store';
import { formatWhen } from './format';
import './damaged-banner.css';

/** Shown when the database file failed its integrity check: offers the latest backup. */
export function DamagedBanner() {
  const { t } = useTranslation();
  const damaged = useBackup((s) => s.damaged);
  if (!damaged) return null;
  return (
    <div className="banner banner--error backup-banner" role="alert" data-testid="backup-damaged">
      <span>{damaged.latest ? t('backup.damaged', { when: formatWhen(damaged.latest.createdAt) }) : t('backup.damagedNoBackup')}</span>
      {damaged.latest && (
        <button type="button" className="btn btn--small" onClick={() => backupActions.offerLatest()}>
          {t('backup.offerRestore')}
        </button>
      )}
    </div>
  );
}
