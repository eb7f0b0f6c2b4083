import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BotRule, BotSettings } from '@contract';
import { Field, SaveStatus, Section } from '../settings/parts';
import { useSave } from '../settings/use-save';
import { botActions } from './actions';
import { useBot } from './bot-store';
import { formatDayHours, parseDayHours, splitList } from './hours-form';
import './bot.css';

/** The bot's three settings sections; mounted in the settings screen. */
export function BotSections() {
  const settings = useBot((s) => s.settings);
  useEffect(() => void botActions.load(), []);
  if (!settings) return null;
  return (
    <>
      <BotRulesSection settings={settings} />
      <HoursSection settings={settings} />
      <AwaySection settings={settings} />
    </>
  );
}

interface RuleDraft {
  id: string;
  enabled: boolean;
  phrases: string;
  de: string;
  en: string;
}

const toDraft = (r: BotRule): RuleDraft => ({ id: r.id, enabled: r.enabled, phrases: r.phrases.join(', '), de: r.answer.de, en: r.answer.en });

function BotRulesSection({ settings }: { settings: BotSettings }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [prefixDe, setPrefixDe] = useState(settings.prefix.de);
  const [prefixEn, setPrefixEn] = useState(settings.prefix.en);
  const [words, setWords] = useState(settings.handoverWords.join(', '));
  const [quiet, setQuiet] = useState(String(settings.staffQuietMinutes));
  const [rules, setRules] = useState<RuleDraft[]>(settings.rules.map(toDraft));
  const { save, run } = useSave<BotSettings>();
  const edit = (i: number, patch: Partial<RuleDraft>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (): Promise<void> => {
    await run(() =>
      botActions.save({
        enabled,
        prefix: { de: prefixDe, en: prefixEn },
        handoverWords: splitList(words),
        staffQuietMinutes: Number(quiet),
        rules: rules.map((r) => ({ id: r.id, enabled: r.enabled, phrases: splitList(r.phrases), answer: { de: r.de, en: r.en } })),
      }),
    );
  };

  return (
    <Section id="bot" title={t('bot.title')} hint={t('bot.hint')}>
      <label className="bot-check">
        <input type="checkbox" data-testid="bot-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('bot.enabled')}
      </label>
      <div className="settings-grid">
        <Field label={t('bot.prefixDe')} hint={t('bot.prefixHint')} error={prefixDe.trim() === '' ? t('bot.prefixHint') : null}>
          <input className="input" data-testid="bot-prefix-de" value={prefixDe} onChange={(e) => setPrefixDe(e.target.value)} />
        </Field>
        <Field label={t('bot.prefixEn')} error={prefixEn.trim() === '' ? t('bot.prefixHint') : null}>
          <input className="input" data-testid="bot-prefix-en" value={prefixEn} onChange={(e) => setPrefixEn(e.target.value)} />
        </Field>
        <Field label={t('bot.handoverWords')}>
          <input className="input" data-testid="bot-handover-words" value={words} onChange={(e) => setWords(e.target.value)} />
        </Field>
        <Field label={t('bot.quietMinutes')}>
          <input className="input settings-hours" inputMode="numeric" data-testid="bot-quiet" value={quiet} onChange={(e) => setQuiet(e.target.value)} />
        </Field>
      </div>
      <p className="settings-section__hint">{t('bot.variables')}</p>
      <ul className="bot-rules" data-testid="bot-rules">
        {rules.map((r, i) => (
          <li key={i} className="bot-rule">
            <fieldset>
              <legend>{t('bot.rule', { id: r.id })}</legend>
              <label className="bot-check">
                <input type="checkbox" checked={r.enabled} onChange={(e) => edit(i, { enabled: e.target.checked })} />
                {t('bot.ruleEnabled')}
              </label>
              <Field label={t('bot.phrases')}>
                <input className="input" value={r.phrases} onChange={(e) => edit(i, { phrases: e.target.value })} />
              </Field>
              <div className="settings-grid">
                <Field label={t('bot.answerDe')}>
                  <textarea className="input" rows={2} value={r.de} onChange={(e) => edit(i, { de: e.target.value })} />
                </Field>
                <Field label={t('bot.answerEn')}>
                  <textarea className="input" rows={2} value={r.en} onChange={(e) => edit(i, { en: e.target.value })} />
                </Field>
              </div>
              <button type="button" className="btn btn--ghost btn--small" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
                {t('bot.removeRule')}
              </button>
            </fieldset>
          </li>
        ))}
      </ul>
      <div className="settings-actions">
        <button
          type="button"
          className="btn"
          onClick={() => setRules((rs) => [...rs, { id: `regel-${rs.length + 1}`, enabled: true, phrases: '', de: '', en: '' }])}
        >
          {t('bot.addRule')}
        </button>
        <button type="button" className="btn btn--primary" data-testid="bot-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="bot-status" />
      </div>
    </Section>
  );
}

interface DayDraft {
  date: string;
  hours: string;
  name: string;
}

function HoursSection({ settings }: { settings: BotSettings }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<DayDraft[]>(settings.specialDays.map((d) => ({ date: d.date, hours: formatDayHours(d.hours), name: d.name })));
  const { save, run } = useSave<BotSettings>();
  const [touched, setTouched] = useState(false);
  const parsed = days.map((d) => parseDayHours(d.hours));
  const edit = (i: number, patch: Partial<DayDraft>) => setDays((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (parsed.some((p) => p === null)) return;
    await run(() => botActions.save({ specialDays: days.map((d, i) => ({ date: d.date, hours: parsed[i]!, name: d.name.trim() })) }));
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

function AwaySection({ settings }: { settings: BotSettings }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(settings.away.enabled);
  const [de, setDe] = useState(settings.away.text.de);
  const [en, setEn] = useState(settings.away.text.en);
  const { save, run } = useSave<BotSettings>();
  return (
    <Section id="away" title={t('bot.awayTitle')} hint={t('bot.awayHint')}>
      <label className="bot-check">
        <input type="checkbox" data-testid="away-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('bot.awayEnabled')}
      </label>
      <div className="settings-grid">
        <Field label={t('bot.awayDe')}>
          <textarea className="input" rows={3} data-testid="away-de" value={de} onChange={(e) => setDe(e.target.value)} />
        </Field>
        <Field label={t('bot.awayEn')}>
          <textarea className="input" rows={3} value={en} onChange={(e) => setEn(e.target.value)} />
        </Field>
      </div>
      <div className="settings-actions">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="away-save"
          disabled={save.state === 'busy'}
          onClick={() => void run(() => botActions.save({ away: { enabled, text: { de, en } } }))}
        >
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="away-status" />
      </div>
    </Section>
  );
}
