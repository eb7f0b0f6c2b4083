import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ConsentSettings, SetupStep } from '@contract';
import { SETUP_STEPS } from '@contract/constants';
import { api } from '../../api';
import { controller } from '../../app/instance';
import { LOCALES } from '../../i18n';
import { setupActions } from './actions';
import { useSetup } from './setup-store';
import { ShopStep, HoursStep, ManagerStep, ConsentStep } from './steps-shop';
import { LineStep, PosterStep, DoneStep } from './steps-line';
import './setup.css';

/**
 * The first-run wizard: shown until the set-up is completed, and from the
 * settings later. A first run shows only the steps main says are missing;
 * each step is saved in main before the next one opens.
 */
export function SetupWizard() {
  const { t, i18n } = useTranslation();
  const state = useSetup((s) => s.state);
  const reopened = useSetup((s) => s.reopened);
  const firstDone = useSetup((s) => s.firstDone) ?? [];
  const [settings, setSettings] = useState<ConsentSettings | null>(null);
  const [chosen, setChosen] = useState<SetupStep | 'done' | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .call('settings.get', {})
      .then((s) => live && setSettings(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [version]);

  if (!state || !settings) return <main className="setup" data-testid="setup-wizard" aria-busy="true" />;
  // Reopened from the settings: every step; a first run: only what is missing (and what was done in this run).
  const steps: readonly SetupStep[] = reopened ? SETUP_STEPS : SETUP_STEPS.filter((s) => !firstDone.includes(s));
  const firstMissing = SETUP_STEPS.find((s) => state.missing.includes(s)) ?? 'done';
  const current = chosen ?? (reopened ? 'shop' : firstMissing);
  const index = current === 'done' ? steps.length : steps.indexOf(current);
  const goNext = () => {
    setVersion((v) => v + 1);
    setChosen(reopened ? (steps[index + 1] ?? 'done') : nextMissingAfter(index, steps));
  };
  const goBack = () => setChosen(steps[Math.max(0, index - 1)] ?? null);

  return (
    <main className="setup" data-testid="setup-wizard" data-step={current}>
      <div className="setup__panel">
        <header className="setup__head">
          {state.logo && <img src={state.logo} alt={t('setup.shop.logoAlt')} className="setup__logo" />}
          <div>
            <h1 className="setup__title">{t('setup.title')}</h1>
            <p className="setup__lead">{t('setup.lead')}</p>
          </div>
          <div className="segmented setup__lang" role="group" aria-label={t('setup.manager.language')} data-testid="setup-ui-language">
            {LOCALES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                className={`segmented__btn${i18n.language === l ? ' segmented__btn--on' : ''}`}
                aria-pressed={i18n.language === l}
                onClick={() => void controller.setLocale(l)}
              >
                {l.toUpperCase()}
              </button>
            ))}
          </div>
          {reopened && (
            <button type="button" className="btn setup__close" data-testid="setup-close" onClick={() => setupActions.close()}>
              {t('setup.close')}
            </button>
          )}
        </header>
        <ol className="setup-steps" aria-label={t('setup.stepsLabel')}>
          {steps.map((s, i) => {
            const isDone = state.done.includes(s);
            return (
              <li key={s} className={`setup-steps__item${s === current ? ' setup-steps__item--current' : ''}${isDone ? ' setup-steps__item--done' : ''}`}>
                <button type="button" className="setup-steps__btn" aria-current={s === current ? 'step' : undefined} onClick={() => setChosen(s)} data-testid={`setup-step-${s}`}>
                  <span className="setup-steps__num" aria-hidden="true">
                    {isDone ? '✓' : i + 1}
                  </span>
                  {t(`setup.steps.${s}`)}
                  {isDone && <span className="visually-hidden"> ({t('setup.stepDone')})</span>}
                </button>
              </li>
            );
          })}
        </ol>
        <section className="setup-step" key={`${current}-${version}`}>
          {current === 'shop' && <ShopStep settings={settings} logo={state.logo} onSaved={goNext} />}
          {current === 'hours' && <HoursStep settings={settings} onSaved={goNext} onBack={goBack} />}
          {current === 'manager' && <ManagerStep onSaved={goNext} onBack={goBack} />}
          {current === 'consent' && <ConsentStep settings={settings} onSaved={goNext} onBack={goBack} />}
          {current === 'line' && <LineStep onSaved={goNext} onBack={goBack} />}
          {current === 'poster' && <PosterStep onSaved={goNext} onBack={goBack} />}
          {current === 'done' && <DoneStep missing={state.missing} />}
        </section>
      </div>
    </main>
  );
}

function nextMissingAfter(index: number, steps: readonly SetupStep[]): SetupStep | 'done' {
  const missing = useSetup.getState().state?.missing ?? [];
  return steps.slice(index + 1).find((s) => missing.includes(s)) ?? steps.find((s) => missing.includes(s)) ?? 'done';
}
