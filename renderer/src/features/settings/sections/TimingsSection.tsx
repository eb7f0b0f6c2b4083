import { useState } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { ConsentSettings, Locale } from '@contract';
import { settingsActions } from '../actions';
import { Field, SaveStatus, Section } from '../parts';
import { HOURS_MAX, HOURS_MIN, parseHours } from '../settings-form';
import { useSave } from '../use-save';

export function TimingsSection({ settings }: { settings: ConsentSettings }) {
  const { t } = useTranslation();
  const [quarantine, setQuarantine] = useState(String(settings.quarantineHours));
  const [interval, setIntervalText] = useState(String(settings.requestIntervalHours));
  const [locale, setLocale] = useState<Locale>(settings.customerLocale);
  const { save, run } = useSave<ConsentSettings>();
  const [touched, setTouched] = useState(false);
  const q = parseHours(quarantine);
  const r = parseHours(interval);
  const range = t('settings.timings.range', { min: HOURS_MIN, max: HOURS_MAX });

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (q === null || r === null) return;
    await run(() => settingsActions.savePatch({ quarantineHours: q, requestIntervalHours: r, customerLocale: locale }));
  };

  return (
    <Section id="timings" title={t('settings.timings.title')}>
      <div className="settings-grid">
        <Field label={t('settings.timings.quarantineHours')} hint={t('settings.timings.quarantineHint')} error={touched && q === null ? range : null}>
          <input
            className="input settings-hours"
            inputMode="numeric"
            data-testid="settings-quarantine-hours"
            value={quarantine}
            aria-invalid={touched && q === null ? true : undefined}
            onChange={(e) => setQuarantine(e.target.value)}
          />
        </Field>
        <Field label={t('settings.timings.requestIntervalHours')} hint={t('settings.timings.requestIntervalHint')} error={touched && r === null ? range : null}>
          <input
            className="input settings-hours"
            inputMode="numeric"
            data-testid="settings-request-interval"
            value={interval}
            aria-invalid={touched && r === null ? true : undefined}
            onChange={(e) => setIntervalText(e.target.value)}
          />
        </Field>
        <Field label={t('settings.timings.customerLocale')}>
          <select className="input" data-testid="settings-customer-locale" value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'de')}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </Field>
      </div>
      <div className="settings-actions">
        <button type="button" className="btn btn--primary" data-testid="settings-timings-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="settings-timings-status" />
      </div>
    </Section>
  );
}
