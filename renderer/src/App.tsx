import { Moon, Plus, Settings, Smartphone, Sun } from 'lucide-react';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from './i18n/use-translation';
import { controller } from './app/instance';
import { inboxActions } from './features/inbox/actions';
import { ConversationBar } from './features/inbox/ConversationBar';
import { InboxList } from './features/inbox/InboxList';
import { useInbox } from './features/inbox/inbox-store';
import { notifier } from './features/inbox/notify';
import { ProfileSwitch } from './features/inbox/ProfileSwitch';
import { nextWaiting } from './features/inbox/inbox-order';
import { useContacts } from './store/contacts';
import { LockButton, LockOverlay } from './features/security/LockOverlay';
import { securityActions } from './features/security/actions';
import { backupActions } from './features/backup/actions';
import { DamagedBanner } from './features/backup/DamagedBanner';
import { caseActions } from './features/cases/actions';
import { ClipboardList } from 'lucide-react';
import { Conversation } from './features/conversation/Conversation';
import { lineActions } from './features/line/actions';
import { needsLinking } from './features/line/link-state';
import './features/line/line.css';
import { StatusBar } from './features/whatsapp/StatusBar';
import { setupActions } from './features/setup/actions';
import { useSetup } from './features/setup/setup-store';
import { TopbarMore } from './app/TopbarMore';
import { preloadWhenIdle } from './app/lazy-view';
import { warmWaitingThreads } from './app/warm-threads';
import { warmChatFormats } from './lib/format';
import { whenIdle } from './lib/frame';
import {
  AnnouncementsView,
  CasesView,
  COMMON_VIEWS,
  LinkGate,
  ManagerView,
  OnboardingView,
  SearchDialog,
  SettingsView,
  SetupWizard,
  SimPanel,
  Tour,
} from './app/views';
import { errorText } from './i18n/errors';
import { LOCALES } from './i18n';
import { useApp } from './store/app';
import { useUi, type Theme } from './store/ui';

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

/** The theme in effect: the setting, or the system's choice. */
function useResolvedTheme(): 'light' | 'dark' {
  const theme = useUi((s) => s.theme);
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const [systemDark, setSystemDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

function ThemeButton({ resolved }: { resolved: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const next: Theme = resolved === 'dark' ? 'light' : 'dark';
  const label = t(next === 'dark' ? 'app.themeDark' : 'app.themeLight');
  return (
    <button type="button" className="btn btn--icon" data-testid="theme-toggle" aria-label={label} title={label} onClick={() => useUi.getState().setTheme(next)}>
      {resolved === 'dark' ? <Sun size={18} aria-hidden="true" /> : <Moon size={18} aria-hidden="true" />}
    </button>
  );
}

/** Screen-reader announcements of new messages and hand-overs (polite, one line at a time). */
function LiveRegion() {
  const [text, setText] = useState('');
  useEffect(() => notifier.subscribe((line) => setText(line)), []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      {text}
    </div>
  );
}

// Header and workspace are memoized: their parts read the stores themselves, so an App render
// (a panel opened, the unread count in the title after each message) does not draw them again.
const Header = memo(function Header({ resolvedTheme }: { resolvedTheme: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const demo = useApp((s) => s.info?.demo ?? false);
  const simOpen = useUi((s) => s.open.sim);
  const ui = useUi.getState();
  return (
    <header className="topbar" data-testid="topbar">
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
          <Plus size={18} aria-hidden="true" />
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
            <Smartphone size={18} aria-hidden="true" />
            {t('app.simToggle')}
          </button>
        )}
        <button type="button" className="btn" data-testid="settings-open" title={t('settings.buttonTitle')} onClick={() => ui.showSettings()}>
          <Settings size={18} aria-hidden="true" />
          <span className="topbar__label">{t('settings.button')}</span>
        </button>
        <TopbarMore demo={demo} />
        <ProfileSwitch />
        <LockButton />
        <ThemeButton resolved={resolvedTheme} />
        <LanguageSwitch />
      </div>
    </header>
  );
});

/** The inbox list, the conversation and (in the demo) the simulated phone. */
const Workspace = memo(function Workspace({ simOpen }: { simOpen: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`workspace${simOpen ? ' workspace--sim' : ''}`}>
      <nav className="sidebar" aria-label={t('inbox.listLabel')}>
        <InboxList />
      </nav>
      <div className="workspace__main">
        <ConversationBar />
        <Conversation />
      </div>
      {simOpen && <SimPanel />}
    </div>
  );
});

function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useApp((s) => s.connection);
  const loadError = useApp((s) => s.loadError);
  if (connection === 'refused' || connection === 'lost') {
    // One clear word instead of retrying in silence: the page's address or token is no longer the server's.
    return (
      <div className="banner banner--error" role="alert" data-testid="connection-gone" data-state={connection}>
        {t(connection === 'refused' ? 'app.connectionRefused' : 'app.connectionLost')}
      </div>
    );
  }
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
  const announcementsOpen = useUi((s) => s.open.announcements);
  const managerOpen = useUi((s) => s.open.manager);
  const channel = useApp((s) => s.channel);
  const connection = useApp((s) => s.connection);
  const searchOpen = useUi((s) => s.open.search);
  const unreadTotal = useInbox((s) => s.counts?.unreadTotal ?? 0);
  const inboxLoaded = useInbox((s) => s.loaded);
  const touring = useSetup((s) => s.tourStep !== null);
  const resolvedTheme = useResolvedTheme();
  const { t, i18n } = useTranslation();

  useEffect(() => controller.start(), []);
  useEffect(() => void setupActions.load(), []);
  useEffect(() => inboxActions.start(), []);
  useEffect(() => lineActions.reloadOnLineSwitch(), []);
  useEffect(() => caseActions.watch(), []);
  useEffect(() => securityActions.watch(), []);
  useEffect(() => backupActions.watch(), []);
  useEffect(() => notifier.onOpen((id) => void inboxActions.openContact({ id })), []);
  useEffect(() => {
    // After the counter's first screen, not before: the chunks then cost no start time.
    if (inboxLoaded) return preloadWhenIdle(demo ? [...COMMON_VIEWS, SimPanel] : COMMON_VIEWS);
  }, [inboxLoaded, demo]);
  // The waiting chats' newest messages, fetched ahead once the list is on screen.
  useEffect(() => {
    if (inboxLoaded) return warmWaitingThreads((id) => controller.prefetch(id));
  }, [inboxLoaded]);
  useEffect(() => {
    if (inboxLoaded) return whenIdle(() => warmChatFormats(i18n.language), 2_000);
  }, [inboxLoaded, i18n.language]);
  useEffect(() => {
    document.documentElement.dataset.theme = resolvedTheme;
  }, [resolvedTheme]);
  useEffect(() => {
    // The total unread count in the window title (and so in the taskbar).
    document.title = unreadTotal > 0 ? t('inbox.title', { count: unreadTotal }) : t('app.title');
  }, [unreadTotal, t]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        useUi.getState().show('search');
      } else if (e.altKey && !e.ctrlKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        // Alt+↓ / Alt+↑: the next / previous chat where a customer waits.
        e.preventDefault();
        const target = nextWaiting(useInbox.getState().items, useContacts.getState().selectedId, e.key === 'ArrowDown' ? 1 : -1);
        if (target) void inboxActions.openContact(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const setup = useSetup((s) => s.state);
  const setupReopened = useSetup((s) => s.reopened);
  // Until the set-up is completed (and when reopened from the settings) the wizard is the whole screen.
  if (setup && (!setup.completed || setupReopened)) {
    return (
      <>
        <ConnectionBanner />
        <SetupWizard />
      </>
    );
  }

  // The screen map: header, banner, the link gate or the workspace (list, conversation,
  // simulated phone), the status bar, and the full screens over it (settings above onboarding).
  return (
    <>
    <div className="app">
      <Header resolvedTheme={resolvedTheme} />
      <ConnectionBanner />
      <DamagedBanner />
      {channel && needsLinking(channel) ? (
        <LinkGate channel={channel} />
      ) : (
        <Workspace simOpen={simOpen} />
      )}
      <footer className="statusbar">
        {channel ? <StatusBar state={channel} online={connection === 'open'} /> : <span className="status-text">…</span>}
        {connection === 'connecting' && <span className="status-text">{t('app.connecting')}</span>}
      </footer>
    </div>
    {casesOpen && <CasesView />}
    {onboardingOpen && <OnboardingView />}
    {settingsOpen && <SettingsView />}
    {searchOpen && <SearchDialog />}
    <LiveRegion />
    {announcementsOpen && <AnnouncementsView />}
    {touring && <Tour />}
    {managerOpen && <ManagerView />}
    <LockOverlay />
    </>
  );
}
