import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { controller } from './app/instance';
import { ContactList } from './features/contacts/ContactList';
import { OnboardingView } from './features/onboarding/OnboardingView';
import { SettingsView } from './features/settings/SettingsView';
import { caseActions } from './features/cases/actions';
import { CasesView } from './features/cases/CasesView';
import { ClipboardList } from 'lucide-react';
import { Conversation } from './features/conversation/Conversation';
import { SimPanel } from './features/sim/SimPanel';
import { ConnectWhatsAppButton } from './features/line/ConnectWhatsAppButton';
import { lineActions } from './features/line/actions';
import { LinkGate, needsLinking } from './features/line/LinkGate';
import './features/line/line.css';
import { StatusBar } from './features/whatsapp/StatusBar';
import { errorText } from './i18n/errors';
import { LOCALES } from './i18n';
import { useApp } from './store/app';
import { useUi } from './store/ui';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('app.language')} data-testid="language-switch">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className={`segmented__btn${i18n.language === l ? ' segmented__btn--on' : ''}`}
          aria-pressed={i18n.language === l}
          lang={l}
          onClick={() => void controller.setLocale(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function Header() {
  const { t } = useTranslation();
  const demo = useApp((s) => s.info?.demo ?? false);
  const simOpen = useUi((s) => s.open.sim);
  const ui = useUi.getState();
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__logo" aria-hidden="true">
          T
        </span>
        <span className="topbar__name">{t('app.title')}</span>
        {demo && (
          <span className="demo-marker" data-testid="demo-marker" title={t('app.demoMarkerTitle')}>
            {t('app.demoMarker')}
          </span>
        )}
      </div>
      <div className="topbar__actions">
        <button
          type="button"
          className="btn btn--primary new-customer"
          data-testid="new-customer"
          title={t('onboarding.buttonTitle')}
          onClick={() => ui.show('onboarding')}
        >
          <span aria-hidden="true">+ </span>
          {t('onboarding.button')}
        </button>
        <button type="button" className="btn" data-testid="cases-open" title={t('cases.buttonTitle')} onClick={() => ui.show('cases')}>
          <ClipboardList size={16} aria-hidden="true" className="case-icon" />
          {t('cases.button')}
        </button>
        {demo && (
          <button
            type="button"
            className={`btn${simOpen ? ' btn--active' : ''}`}
            data-testid="sim-toggle"
            aria-pressed={simOpen}
            title={t('app.simToggleTitle')}
            onClick={() => ui.toggle('sim')}
          >
            <span aria-hidden="true">📱 </span>
            {t('app.simToggle')}
          </button>
        )}
        {demo && <ConnectWhatsAppButton />}
        <button type="button" className="btn" data-testid="settings-open" title={t('settings.buttonTitle')} onClick={() => ui.showSettings()}>
          <span aria-hidden="true">⚙ </span>
          {t('settings.button')}
        </button>
        <LanguageSwitch />
      </div>
    </header>
  );
}

function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useApp((s) => s.connection);
  const loadError = useApp((s) => s.loadError);
  if (connection === 'reconnecting') {
    return (
      <div className="banner banner--warn" role="status" data-testid="connection-banner">
        {t('app.disconnected')}
      </div>
    );
  }
  if (loadError) {
    return (
      <div className="banner banner--error" role="alert" data-testid="load-error">
        {t('app.loadFailed', { message: errorText(t, loadError) })}
      </div>
    );
  }
  return null;
}

export function App() {
  const demo = useApp((s) => s.info?.demo ?? false);
  const simOpen = useUi((s) => s.open.sim) && demo;
  const onboardingOpen = useUi((s) => s.open.onboarding);
  const settingsOpen = useUi((s) => s.open.settings);
  const casesOpen = useUi((s) => s.open.cases);
  const channel = useApp((s) => s.channel);
  const connection = useApp((s) => s.connection);
  const { t } = useTranslation();

  useEffect(() => controller.start(), []);
  useEffect(() => lineActions.reloadOnLineSwitch(), []);
  useEffect(() => caseActions.watch(), []);

  // The screen map: header, banner, the link gate or the workspace (list, conversation,
  // simulated phone), the status bar, and the full screens over it (settings above onboarding).
  return (
    <>
    <div className="app">
      <Header />
      <ConnectionBanner />
      {channel && needsLinking(channel) ? (
        <LinkGate channel={channel} />
      ) : (
        <div className={`workspace${simOpen ? ' workspace--sim' : ''}`}>
          <nav className="sidebar">
            <ContactList />
          </nav>
          <Conversation />
          {simOpen && <SimPanel />}
        </div>
      )}
      <footer className="statusbar">
        {channel ? <StatusBar state={channel} /> : <span className="status-text">…</span>}
        {connection === 'connecting' && <span className="status-text">{t('app.connecting')}</span>}
      </footer>
    </div>
    {casesOpen && <CasesView />}
    {onboardingOpen && <OnboardingView />}
    {settingsOpen && <SettingsView />}
    </>
  );
}
