import { useState } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { Locale, TemplateKey, TemplateView } from '@contract';
import { LOCALES } from '@contract/constants';
import { errorText } from '../../../i18n/errors';
import { formatDateTime } from '../../../lib/format';
import { shortHash } from '../../consent/consent-ui';
import { settingsActions } from '../actions';
import { SaveStatus, Section } from '../parts';
import { useSettings } from '../settings-store';
import { TEMPLATE_KEYS, textRows, versionsOf } from '../settings-form';
import { useSave } from '../use-save';

function TemplateEditor({ versions, tkey, locale }: { versions: TemplateView[]; tkey: TemplateKey; locale: Locale }) {
  const { t, i18n } = useTranslation();
  const current = versions[0];
  const [text, setText] = useState(current?.text ?? '');
  const { save, run } = useSave<TemplateView>();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    const trimmed = text.trim();
    if (!trimmed) return setProblem(t('settings.templates.empty'));
    if (current && trimmed === current.text.trim()) return setProblem(t('settings.templates.unchanged'));
    setProblem(null);
    const v = await run(
      () => settingsActions.saveTemplate(tkey, locale, trimmed),
      (saved) => t('settings.templates.savedVersion', { version: saved.version }),
    );
    if (v) setText(v.text);
  };

  return (
    <div className="template" data-testid="template" data-key={tkey} data-locale={locale}>
      <div className="template__head">
        <h4 className="template__title">{t(`settings.templates.keys.${tkey}`)}</h4>
        <span className="template__current" data-testid="template-current">
          {current
            ? t('settings.templates.current', { version: current.version, date: formatDateTime(current.createdAt, i18n.language) ?? current.createdAt })
            : t('settings.templates.none')}
        </span>
      </div>
      <textarea
        className="input template__text"
        aria-label={`${t(`settings.templates.keys.${tkey}`)} (${locale.toUpperCase()})`}
        data-testid="template-text"
        rows={textRows(text)}
        maxLength={4000}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
      />
      <div className="settings-actions">
        <button type="button" className="btn" data-testid="template-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.templates.saveVersion')}
        </button>
        {problem ? (
          <span className="settings__status settings__status--error" role="alert">
            {problem}
          </span>
        ) : (
          <SaveStatus save={save} testId="template-status" />
        )}
      </div>
      {versions.length > 0 && (
        <details className="template__history" data-testid="template-history">
          <summary>{t('settings.templates.history', { count: versions.length })}</summary>
          <ol className="template__versions">
            {versions.map((v) => (
              <li key={v.version} data-testid="template-version" data-version={v.version}>
                <div className="template__version-line" title={v.sha256}>
                  {t('settings.templates.versionLine', {
                    version: v.version,
                    date: formatDateTime(v.createdAt, i18n.language) ?? v.createdAt,
                    hash: shortHash(v.sha256),
                  })}
                </div>
                <pre className="template__version-text">{v.text}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

export function TemplatesSection() {
  const { t } = useTranslation();
  const all = useSettings((s) => s.templates);
  const error = useSettings((s) => s.templatesError);
  const [locale, setLocale] = useState<Locale>('de');

  return (
    <Section id="templates" title={t('settings.templates.title')} hint={t('settings.templates.hint')}>
      <div className="segmented settings-locale" role="group" aria-label={t('settings.templates.title')}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            className={`segmented__btn${locale === l ? ' segmented__btn--on' : ''}`}
            aria-pressed={locale === l}
            data-testid={`templates-locale-${l}`}
            onClick={() => setLocale(l)}
          >
            {t(`settings.keywords.${l}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {t('settings.loadFailed', { message: errorText(t, error) })}
        </p>
      )}
      {!all && !error && <p className="settings-section__hint">{t('settings.loading')}</p>}
      {all &&
        TEMPLATE_KEYS.map((key) => (
          <TemplateEditor
            key={`${key}-${locale}`}
            tkey={key}
            locale={locale}
            versions={versionsOf(all, key, locale)}
          />
        ))}
    </Section>
  );
}
