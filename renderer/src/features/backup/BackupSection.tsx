import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorText } from '../../i18n/errors';
import { toApiError } from '../../api/client';
import { backupActions } from './actions';
import { useBackup } from './backup-store';
import { formatSize, formatWhen } from './format';
import './backup.css';

/** Settings → Sicherung: folder, days kept, on/off, "Jetzt sichern", the list, restore with preview. */
export function BackupSection() {
  const { t } = useTranslation();
  const status = useBackup((s) => s.status);
  const list = useBackup((s) => s.list);
  const busy = useBackup((s) => s.busy);
  const notice = useBackup((s) => s.notice);
  const passphrase = useBackup((s) => s.passphrase);
  const [folder, setFolder] = useState('');
  const [keepDays, setKeepDays] = useState(14);
  const [enabled, setEnabled] = useState(false);
  const [file, setFile] = useState('');
  const [filePass, setFilePass] = useState('');

  useEffect(() => void backupActions.open(), []);
  useEffect(() => {
    if (!status) return;
    setFolder(status.folder);
    setKeepDays(status.keepDays);
    setEnabled(status.enabled);
  }, [status]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    void backupActions.save({ folder: folder.trim(), keepDays, enabled });
  };
  const previewFile = (e: FormEvent) => {
    e.preventDefault();
    const source = filePass.trim() ? { file: file.trim(), passphrase: filePass.trim() } : { file: file.trim() };
    void backupActions.preview(source, file.trim());
  };
  const errorMessage = (err: unknown) => {
    const e = toApiError(err);
    const reasonText = e.reason ? t(`backup.reason.${e.reason}`, { defaultValue: '' }) : '';
    return reasonText || errorText(t, e);
  };

  return (
    <section className="settings-section" id="settings-backup" data-testid="settings-backup" aria-labelledby="settings-backup-title">
      <h3 className="settings-section__title" id="settings-backup-title">
        {t('backup.title')}
      </h3>
      <p className="settings-section__hint">{t('backup.hint')}</p>

      {passphrase && (
        <div className="backup-passphrase" role="alert" data-testid="backup-passphrase">
          <p>
            <strong>{t('backup.passphraseTitle')}</strong>
          </p>
          <p>{t('backup.passphraseHint')}</p>
          <code className="backup-passphrase__value">{passphrase}</code>
          <button type="button" className="btn btn--primary btn--small" onClick={() => backupActions.forgetPassphrase()}>
            {t('backup.passphraseDone')}
          </button>
        </div>
      )}

      <form className="backup-form" onSubmit={save} noValidate>
        <label className="settings-field backup-form__folder">
          <span className="settings-field__label">{t('backup.folder')}</span>
          <input type="text" className="input" value={folder} placeholder={t('backup.folderPlaceholder')} onChange={(e) => setFolder(e.target.value)} data-testid="backup-folder" />
          <span className="settings-field__hint">{t('backup.folderHint')}</span>
        </label>
        <label className="settings-field backup-form__days">
          <span className="settings-field__label">{t('backup.keepDays')}</span>
          <input type="number" className="input" min={1} max={365} value={keepDays} onChange={(e) => setKeepDays(Number(e.target.value) || 1)} data-testid="backup-keep-days" />
        </label>
        <label className="backup-form__toggle">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="backup-enabled" />
          {t('backup.enabled')}
        </label>
        <div className="backup-form__actions">
          <button type="submit" className="btn btn--small" disabled={busy !== null}>
            {busy === 'saving' ? t('backup.saving') : t('backup.save')}
          </button>
          <button type="button" className="btn btn--primary btn--small" disabled={busy !== null || !status?.keyReady || !status.folder} onClick={() => void backupActions.runNow()} data-testid="backup-run">
            {busy === 'running' ? t('backup.running') : t('backup.runNow')}
          </button>
        </div>
      </form>

      {status && (
        <p className="settings-section__hint" data-testid="backup-state">
          {status.enabled ? t('backup.stateOn', { days: status.keepDays }) : t('backup.stateOff')}
          {status.lastBackup && <> · {t('backup.last', { when: formatWhen(status.lastBackup.createdAt) })}</>}
          {status.nextRunAt && <> · {t('backup.next', { when: formatWhen(status.nextRunAt) })}</>}
        </p>
      )}
      {notice && (
        <p className={`settings__status settings__status--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="backup-notice">
          {notice.kind === 'ok' ? t(`backup.${notice.text}`) : errorMessage(notice.error)}
        </p>
      )}

      <h4 className="backup-subtitle">{t('backup.listTitle')}</h4>
      {list.length === 0 ? (
        <p className="settings-section__hint">{t('backup.none')}</p>
      ) : (
        <table className="backup-table" data-testid="backup-list">
          <thead>
            <tr>
              <th scope="col">{t('backup.colWhen')}</th>
              <th scope="col">{t('backup.colSize')}</th>
              <th scope="col">{t('backup.colTrigger')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('backup.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.id}>
                <td>
                  {formatWhen(b.createdAt)}
                  <div className="backup-table__name">{b.name}</div>
                </td>
                <td>{formatSize(b.size)}</td>
                <td>{t(`backup.trigger.${b.trigger}`)}</td>
                <td>
                  {b.present ? (
                    <button type="button" className="btn btn--small" disabled={busy !== null} onClick={() => void backupActions.preview({ id: b.id }, formatWhen(b.createdAt))}>
                      {t('backup.restoreDots')}
                    </button>
                  ) : (
                    <span className="settings-section__hint">{t('backup.missing')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <RestorePreview />

      <details className="backup-other">
        <summary>{t('backup.fromFile')}</summary>
        <form className="backup-form" onSubmit={previewFile} noValidate>
          <label className="settings-field backup-form__folder">
            <span className="settings-field__label">{t('backup.file')}</span>
            <input type="text" className="input" value={file} onChange={(e) => setFile(e.target.value)} data-testid="backup-file" />
          </label>
          <label className="settings-field backup-form__folder">
            <span className="settings-field__label">{t('backup.passphrase')}</span>
            <input type="text" className="input" autoComplete="off" spellCheck={false} value={filePass} onChange={(e) => setFilePass(e.target.value)} data-testid="backup-file-passphrase" />
            <span className="settings-field__hint">{t('backup.passphraseFileHint')}</span>
          </label>
          <div className="backup-form__actions">
            <button type="submit" className="btn btn--small" disabled={busy !== null || !file.trim()}>
              {t('backup.showPreview')}
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}

function RestorePreview() {
  const { t } = useTranslation();
  const preview = useBackup((s) => s.preview);
  const busy = useBackup((s) => s.busy);
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => setConfirmed(false), [preview]);
  if (busy === 'previewing') return <p className="settings-section__hint">{t('backup.previewing')}</p>;
  if (!preview) return null;
  const p = preview.value;
  return (
    <div className="backup-preview" role="region" aria-labelledby="backup-preview-title" data-testid="backup-preview">
      <h4 className="backup-subtitle" id="backup-preview-title">
        {t('backup.previewTitle', { when: formatWhen(p.createdAt) })}
      </h4>
      <dl className="backup-preview__counts">
        <div>
          <dt>{t('backup.contacts')}</dt>
          <dd data-testid="preview-contacts">{p.contacts}</dd>
        </div>
        <div>
          <dt>{t('backup.messages')}</dt>
          <dd data-testid="preview-messages">{p.messages}</dd>
        </div>
        <div>
          <dt>{t('backup.media')}</dt>
          <dd data-testid="preview-media">{p.media}</dd>
        </div>
      </dl>
      <p className="backup-preview__journal">{t('backup.journal')}</p>
      <p className="backup-preview__warn">{t('backup.replaceWarning')}</p>
      {busy === 'restoring' ? (
        <p className="settings__status" role="status">
          {t('backup.restoring')}
        </p>
      ) : (
        <>
          <label className="backup-form__toggle">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="backup-confirm" />
            {t('backup.confirm')}
          </label>
          <div className="backup-form__actions">
            <button type="button" className="btn btn--danger" disabled={!confirmed} onClick={() => void backupActions.restore()} data-testid="backup-restore">
              {t('backup.restoreNow')}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => backupActions.cancelPreview()}>
              {t('backup.cancel')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
