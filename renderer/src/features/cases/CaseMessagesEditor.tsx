import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { CaseStatus, CaseType } from '@contract';
import { errorText } from '../../i18n/errors';
import { caseActions } from './actions';
import { useCases } from './cases-store';
import './case-templates.css';

/** The texts a status change proposes (de/en) and the auto-send switch per type and status. */
export function CaseMessagesEditor() {
  const { t } = useTranslation();
  const settings = useCases((s) => s.settings);
  const [draft, setDraft] = useState<Record<string, { de: string; en: string }>>({});
  const [auto, setAuto] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => void caseActions.loadSettings(), []);
  if (!settings) return <p className="case-hint">{t('cases.loading')}</p>;
  const save = async (): Promise<void> => {
    setStatus(null);
    try {
      await caseActions.saveSettings({ templates: draft, autoSend: auto });
      setDraft({});
      setAuto({});
      setStatus(t('cases.templates.saved'));
    } catch (err) {
      setStatus(t('cases.failed', { message: errorText(t, err) }));
    }
  };
  return (
    <div className="cases-templates">
      <p className="case-hint">{t('cases.templates.intro', { variables: settings.variables.map((v) => `{${v}}`).join(', ') })}</p>
      {Object.entries(settings.templates).map(([key, texts]) => {
        const [type, status] = key.split('.') as [CaseType, string];
        const statusLabel = status === 'reminder' ? t('cases.templates.reminder') : t(`cases.status.${status as CaseStatus}`);
        const current = draft[key] ?? texts;
        return (
          <fieldset key={key} className="cases-template" data-testid="case-template" data-key={key}>
            <legend>
              {t(`cases.type.${type}`)} → {statusLabel}
            </legend>
            {(['de', 'en'] as const).map((loc) => (
              <label key={loc} className="field">
                <span className="field__label">{loc.toUpperCase()}</span>
                <textarea
                  className="input"
                  rows={3}
                  value={current[loc]}
                  onChange={(e) => setDraft((d) => ({ ...d, [key]: { ...current, [loc]: e.target.value } }))}
                />
              </label>
            ))}
            {key in settings.autoSend && (
              <label className="case-toggle">
                <input
                  type="checkbox"
                  data-testid="case-autosend"
                  checked={auto[key] ?? settings.autoSend[key] ?? false}
                  onChange={(e) => setAuto((a) => ({ ...a, [key]: e.target.checked }))}
                />{' '}
                {t('cases.templates.autoSend')}
              </label>
            )}
          </fieldset>
        );
      })}
      <div className="cases-templates__save">
        <button type="button" className="btn btn--primary" data-testid="case-templates-save" onClick={() => void save()}>
          {t('cases.templates.save')}
        </button>
        {status && <span role="status">{status}</span>}
      </div>
    </div>
  );
}
