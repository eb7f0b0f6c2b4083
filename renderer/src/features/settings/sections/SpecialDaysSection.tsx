import { useState } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { ConsentSettings } from '@contract';
import { formatDayHours, parseDayHours } from '../../bot/hours-form';
import { settingsActions } from '../actions';
import { Field, SaveStatus, Section } from '../parts';
import { useSettings } from '../settings-store';
import { useSave } from '../use-save';

interface DayDraft {
  date: string;
  hours: string;
  name: string;
}

/**
 * Holidays and special days: part of the shop profile's schedule, next to
 * its weekly opening hours. The bot's away message and the case reminders
 * read them from there.
 */
export function SpecialDaysSection({ settings }: { settings: ConsentSettings }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<DayDraft[]>(settings.shop.specialDays.map((d) => ({ date: d.date, hours: formatDayHours(d.hours), name: d.name })));
  const { save, run } = useSave<ConsentSettings>();
  const [touched, setTouched] = useState(false);
  const parsed = days.map((d) => parseDayHours(d.hours));
  const edit = (i: number, patch: Partial<DayDraft>) => setDays((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (parsed.some((p) => p === null)) return;
    const specialDays = days.map((d, i) => ({ date: d.date, hours: parsed[i]!, name: d.name.trim() }));
    // The shop patch replaces the whole profile: start from what main last confirmed.
    const shop = useSettings.getState().settings?.shop ?? settings.shop;
    await run(() => settingsActions.savePatch({ shop: { ...shop, specialDays } }));
  };

  return (
    <Section id="hours" title={t('bot.hoursTitle')} hint={t('bot.hoursHint')}>
      <ul className="bot-days" data-testid="bot-days">
        {days.map((d, i) => (
          <li key={i} className="bot-day">
            <Field label={t('bot.date')}>
              <input className="input" type="date" value={d.date} onChange={(e) => edit(i, { date: e.target.value })} />
            </Field>
            <Field label={t('bot.dayHours')} error={touched && parsed[i] === null ? t('bot.badHours') : null}>
              <input className="input" value={d.hours} onChange={(e) => edit(i, { hours: e.target.value })} />
            </Field>
            <Field label={t('bot.dayName')}>
              <input className="input" value={d.name} onChange={(e) => edit(i, { name: e.target.value })} />
            </Field>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setDays((ds) => ds.filter((_, j) => j !== i))}>
              {t('bot.removeDay')}
            </button>
          </li>
        ))}
      </ul>
      <div className="settings-actions">
        <button type="button" className="btn" data-testid="bot-add-day" onClick={() => setDays((ds) => [...ds, { date: '', hours: '', name: '' }])}>
          {t('bot.addDay')}
        </button>
        <button type="button" className="btn btn--primary" data-testid="bot-hours-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="bot-hours-status" />
      </div>
    </Section>
  );
}
