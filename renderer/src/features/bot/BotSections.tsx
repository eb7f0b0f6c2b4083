import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { BotRule, BotSettings } from '@contract';
import { Field, SaveStatus, Section } from '../settings/parts';
import { useSave } from '../settings/use-save';
import { botActions } from './actions';
import { useBot } from './bot-store';
import { splitList } from './hours-form';
import './bot.css';

/** The bot's settings sections; mounted in the settings screen (holidays are in the shop profile's section). */
export function BotSections() {
  const settings = useBot((s) => s.settings);
  useEffect(() => void botActions.load(), []);
  if (!settings) return null;
  return (
    <>
      <BotRulesSection settings={settings} />
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
