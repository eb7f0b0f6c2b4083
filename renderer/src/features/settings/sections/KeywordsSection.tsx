import { useState } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { ConsentSettings, KeywordSettings, Locale } from '@contract';
import { LOCALES } from '@contract/constants';
import { settingsActions } from '../actions';
import { Field, SaveStatus, Section } from '../parts';
import { errorConcerns, errorField, keywordsText, parseKeywords } from '../settings-form';
import { useSave } from '../use-save';

const KEYWORD_KINDS: readonly (keyof KeywordSettings)[] = ['confirm', 'marketingOptIn', 'marketingStop', 'stopAll'];

type KeywordTexts = Record<Locale, Record<keyof KeywordSettings, string>>;

const toText = (k: ConsentSettings['keywords']): KeywordTexts =>
  Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(KEYWORD_KINDS.map((kind) => [kind, keywordsText(k[l][kind])]))])) as KeywordTexts;

export function KeywordsSection({ settings }: { settings: ConsentSettings }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => toText(settings.keywords));
  const { save, run } = useSave<ConsentSettings>();
  const [empty, setEmpty] = useState<string | null>(null);
  const errPath = save.state === 'failed' ? errorField(save.error.field) : null;

  const submit = async (): Promise<void> => {
    const keywords = Object.fromEntries(
      LOCALES.map((l) => [l, Object.fromEntries(KEYWORD_KINDS.map((kind) => [kind, parseKeywords(text[l][kind])]))]),
    ) as ConsentSettings['keywords'];
    // An empty list would leave customers without a word to confirm or to stop.
    const missing = LOCALES.flatMap((l) => KEYWORD_KINDS.filter((k) => keywords[l][k].length === 0).map((k) => `${l}.${k}`));
    setEmpty(missing[0] ?? null);
    if (missing.length > 0) return;
    const next = await run(() => settingsActions.savePatch({ keywords }));
    if (next) setText(toText(next.keywords));
  };

  return (
    <Section id="keywords" title={t('settings.keywords.title')} hint={t('settings.keywords.hint')}>
      <div className="settings-keywords">
        {LOCALES.map((l) => (
          <fieldset key={l} className="settings-keywords__lang">
            <legend>{t(`settings.keywords.${l}`)}</legend>
            {KEYWORD_KINDS.map((kind) => {
              const error =
                empty === `${l}.${kind}`
                  ? t('settings.keywords.emptyList')
                  : save.state === 'failed' && errorConcerns(errPath, `keywords.${l}.${kind}`)
                    ? t('settings.fieldInvalid')
                    : null;
              return (
                <Field key={kind} label={t(`settings.keywords.${kind}`)} error={error}>
                  <textarea
                    className="input settings-keywords__input"
                    data-testid={`settings-keywords-${l}-${kind}`}
                    rows={3}
                    value={text[l][kind]}
                    onChange={(e) => setText({ ...text, [l]: { ...text[l], [kind]: e.target.value } })}
                  />
                </Field>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div className="settings-actions">
        <button type="button" className="btn btn--primary" data-testid="settings-keywords-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="settings-keywords-status" />
      </div>
    </Section>
  );
}
