import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errors';
import { useUi, type SettingsSection } from '../../store/ui';
import { CaseMessagesEditor } from '../cases/CaseMessagesEditor';
import { LineSection } from '../line/LineSection';
import { settingsActions } from './actions';
import { ImportSection } from './sections/ImportSection';
import { Section } from './parts';
import { KeywordsSection } from './sections/KeywordsSection';
import { ShopSection } from './sections/ShopSection';
import { TemplatesSection } from './sections/TemplatesSection';
import { TimingsSection } from './sections/TimingsSection';
import { useSettings } from './settings-store';
import './settings.css';

const SECTIONS: readonly SettingsSection[] = ['shop', 'keywords', 'timings', 'templates', 'cases', 'import', 'line'];

/** The manager's screen: shop profile, keywords, time limits, customer texts and the consent import. */
export function SettingsView() {
  const { t } = useTranslation();
  const hide = useCallback(() => useUi.getState().hide('settings'), []);
  const section = useUi((s) => s.settingsSection);
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.loadError);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => void settingsActions.open(), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hide]);

  const jump = (s: SettingsSection): void => {
    bodyRef.current?.querySelector(`#settings-${s}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  useEffect(() => {
    if (settings && section !== 'shop') jump(section);
  }, [settings, section]);

  return (
    <div className="settings" role="dialog" aria-modal="true" aria-labelledby="settings-title" data-testid="settings">
      <header className="settings__header">
        <h2 id="settings-title" className="settings__title">
          {t('settings.title')}
        </h2>
        <nav className="settings__nav" aria-label={t('settings.title')}>
          {SECTIONS.map((s) => (
            <button key={s} type="button" className="btn btn--ghost btn--small" onClick={() => jump(s)}>
              {t(`settings.nav.${s}`)}
            </button>
          ))}
        </nav>
        <button type="button" className="btn" data-testid="settings-close" onClick={hide}>
          ✕ {t('settings.close')}
        </button>
      </header>
      <div className="settings__body" ref={bodyRef}>
        {error && (
          <p className="settings__status settings__status--error" role="alert">
            {t('settings.loadFailed', { message: errorText(t, error) })}
          </p>
        )}
        {!settings && !error && <p className="settings-section__hint">{t('settings.loading')}</p>}
        {settings && (
          <>
            <ShopSection settings={settings} />
            <KeywordsSection settings={settings} />
            <TimingsSection settings={settings} />
          </>
        )}
        <TemplatesSection />
        <Section id="cases" title={t('settings.nav.cases')}>
          <CaseMessagesEditor />
        </Section>
        <ImportSection />
        <LineSection />
      </div>
    </div>
  );
}
