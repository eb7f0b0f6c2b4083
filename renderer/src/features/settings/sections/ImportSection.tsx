import { useState } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import { errorText } from '../../../i18n/errors';
import { settingsActions, type ImportResult } from '../actions';
import { Field, Section } from '../parts';
import { IMPORT_EXAMPLE } from '../settings-form';
import { useSave } from '../use-save';
import { useInbox } from '../../inbox/inbox-store';

const MAX_IMPORT = 5_000_000;

export function ImportSection() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const me = useInbox((s) => s.current);
  const [problem, setProblem] = useState<string | null>(null);
  const { save, run: runImport, reset } = useSave<ImportResult>();
  const busy = save.state === 'busy';
  const result = save.state === 'saved' ? save.value : null;

  const pickFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > MAX_IMPORT) return setProblem(t('settings.import.tooLarge'));
    setProblem(null);
    setCsv(await file.text());
    setFileName(file.name);
  };

  const run = async (): Promise<void> => {
    if (!csv.trim()) return setProblem(t('settings.import.empty'));
    if (csv.length > MAX_IMPORT) return setProblem(t('settings.import.tooLarge'));
    setProblem(null);
    reset();
    await runImport(() => settingsActions.importConsent(csv, { fileName: fileName ?? undefined, recordedBy: me?.name }));
  };
  const failed = save.state === 'failed' ? t('settings.import.failed', { message: errorText(t, save.error) }) : null;

  return (
    <Section id="import" title={t('settings.import.title')} hint={t('settings.import.hint')}>
      <div className="settings-import__example">
        <span className="settings-field__label">{t('settings.import.example')}</span>
        <pre>{IMPORT_EXAMPLE}</pre>
      </div>
      <Field label={t('settings.import.file')}>
        <input type="file" accept=".csv,text/csv,text/plain" data-testid="import-file" onChange={(e) => void pickFile(e.target.files?.[0])} />
      </Field>
      <Field label={t('settings.import.text')}>
        <textarea className="input settings-import__text" rows={5} data-testid="import-text" value={csv} onChange={(e) => {
            setCsv(e.target.value);
            // Typed or pasted text is no longer the file that was picked.
            setFileName(null);
          }}
        />
      </Field>
      <div className="settings-actions">
        <button type="button" className="btn btn--primary" data-testid="import-run" disabled={busy} onClick={() => void run()}>
          {busy ? t('settings.import.running') : t('settings.import.run')}
        </button>
        {(problem ?? failed) && (
          <span className="settings__status settings__status--error" role="alert">
            {problem ?? failed}
          </span>
        )}
      </div>
      {result && (
        <div className="settings-import__result" data-testid="import-result" data-imported={result.imported} data-skipped={result.skipped}>
          <p className={`settings__status ${result.errors.length ? 'settings__status--warn' : 'settings__status--ok'}`}>
            {t('settings.import.result', { imported: result.imported, skipped: result.skipped })}
          </p>
          {result.errors.length > 0 && (
            <>
              <span className="settings-field__label">{t('settings.import.errors')}</span>
              <ul className="settings-import__errors" data-testid="import-errors">
                {result.errors.map((e, i) => (
                  <li key={i}>{t('settings.import.line', { line: e.line, message: e.message })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Section>
  );
}
