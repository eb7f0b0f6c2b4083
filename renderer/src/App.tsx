import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { controller } from './app/instance';
import { ContactList } from './features/contacts/ContactList';
import { NewCustomerButton } from './features/onboarding/NewCustomerButton';
import { SettingsButton } from './features/settings/SettingsButton';
import { Conversation } from './features/conversation/Conversation';
import { SimPanel } from './features/sim/SimPanel';
import { ConnectWhatsAppButton } from './features/line/ConnectWhatsAppButton';
import { LinkGate, needsLinking } from './features/line/LinkGate';
import { reloadOnLineSwitch } from './features/line/use-line';
import './features/line/line.css';
import { StatusBar } from './features/whatsapp/StatusBar';
import { applyDefaultLocale, LOCALES, setLocale } from './i18n';
import { useApp } from './store/app';

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
          onClick={() => void setLocale(l)}
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
  const simOpen = useApp((s) => s.simOpen);
  const toggleSim = useApp((s) => s.toggleSim);
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
        <NewCustomerButton />
        {demo && (
          <button
            type="button"
            className={`btn${simOpen ? ' btn--active' : ''}`}
            data-testid="sim-toggle"
            aria-pressed={simOpen}
            title={t('app.simToggleTitle')}
            onClick={() => toggleSim()}
          >
            <span aria-hidden="true">📱 </span>
            {t('app.simToggle')}
          </button>
        )}
        {demo && <ConnectWhatsAppButton />}
        <SettingsButton />
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
        {t('app.loadFailed', { message: loadError })}
      </div>
    );
  }
  return null;
}

export function App() {
  const demo = useApp((s) => s.info?.demo ?? false);
  const simOpen = useApp((s) => s.simOpen) && demo;
  const channel = useApp((s) => s.channel);
  const connection = useApp((s) => s.connection);
  const { t, i18n } = useTranslation();

  const appLocale = useApp((s) => s.info?.locale);

  useEffect(() => controller.start(), []);
  useEffect(() => reloadOnLineSwitch(), []);
  useEffect(() => {
    if (appLocale) void applyDefaultLocale(appLocale);
  }, [appLocale]);

  return (
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
        {channel ? <StatusBar state={channel} lang={i18n.language === 'en' ? 'en' : 'de'} /> : <span className="status-text">…</span>}
        {connection === 'connecting' && <span className="status-text">{t('app.connecting')}</span>}
      </footer>
    </div>
  );
}
