import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorText } from '../../i18n/errors';
import type { SettingsSection } from '../../store/ui';
import type { Save } from './use-save';

interface TextWarning {
  key: string;
  locale: string;
  problem: string;
}

/** The customer texts that a just-saved setting contradicts (settings.update saves and warns). */
function warningsOf(value: unknown): TextWarning[] {
  const w = (value as { warnings?: unknown } | null)?.warnings;
  return Array.isArray(w) ? (w as TextWarning[]) : [];
}

export function SaveStatus({ save, testId }: { save: Save; testId: string }) {
  const { t } = useTranslation();
  if (save.state === 'saved') {
    const warnings = warningsOf(save.value);
    return (
      <>
        <span className="settings__status settings__status--ok" role="status" data-testid={testId} data-state="saved">
          ✓ {save.note ?? t('settings.saved')}
        </span>
        {warnings.length > 0 && (
          <ul className="settings__warnings" role="alert" data-testid="settings-warnings">
            {warnings.map((w) => (
              <li key={`${w.key}-${w.locale}-${w.problem}`} title={w.problem}>
                {t('settings.textWarning', {
                  text: t(`settings.templates.keys.${w.key}`, { defaultValue: w.key }),
                  locale: w.locale.toUpperCase(),
                })}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  if (save.state === 'failed') {
    return (
      <span className="settings__status settings__status--error" role="alert" data-testid={testId} data-state="failed">
        {t('settings.saveFailed', { message: errorText(t, save.error) })}
      </span>
    );
  }
  return null;
}

export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <label className={`settings-field${error ? ' settings-field--error' : ''}`}>
      <span className="settings-field__label">{label}</span>
      {children}
      {error ? (
        <span className="settings-field__error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="settings-field__hint">{hint}</span>
      )}
    </label>
  );
}

export function Section({ id, title, hint, children }: { id: SettingsSection; title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="settings-section" id={`settings-${id}`} data-testid={`settings-${id}`}>
      <h3 className="settings-section__title">{title}</h3>
      {hint && <p className="settings-section__hint">{hint}</p>}
      {children}
    </section>
  );
}
