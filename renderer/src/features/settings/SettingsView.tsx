import { Archive, Bell, Building2, Clock, FileText, KeyRound, Smartphone, Upload, Users, Wrench, MessageSquareText, Bot, CalendarClock, Moon, X, Lock, Plug, ScrollText, HardDrive, Webhook, type LucideIcon } from 'lucide-react';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorText } from '../../i18n/errors';
import { useFocusTrap } from '../../lib/focus-trap';
import { useUi, type SettingsSection } from '../../store/ui';
import { CaseMessagesEditor } from '../cases/CaseMessagesEditor';
import { BotSections } from '../bot/BotSections';
import { BackupSection } from '../backup/BackupSection';
import { WebhooksSection } from '../webhooks/WebhooksSection';
import { LineSection } from '../line/LineSection';
import { RetentionSection } from '../compliance/RetentionSection';
import { DisplaySection, ProfilesSection } from '../inbox/SettingsSections';
import { QuickRepliesSection } from '../quick-replies/QuickRepliesSection';
import { SetupSection } from '../setup/SetupSection';
import { StaffLinksSection } from '../setup/StaffLinksSection';
import { settingsActions } from './actions';
import { ImportSection } from './sections/ImportSection';
import { Section } from './parts';
import { KeywordsSection } from './sections/KeywordsSection';
import { ShopSection } from './sections/ShopSection';
import { SpecialDaysSection } from './sections/SpecialDaysSection';
import { TemplatesSection } from './sections/TemplatesSection';
import { TimingsSection } from './sections/TimingsSection';
import { useSettings } from './settings-store';
import { AccessLogSection, AutoLockSection, LocalApiSection, ManagerBanner, ManagerGate } from '../security/SecuritySections';
import { isManager, useSecurity } from '../security/security-store';
import './settings.css';

const SECTIONS: readonly SettingsSection[] = ['shop', 'hours', 'keywords', 'timings', 'profiles', 'display', 'templates', 'quickReplies', 'cases', 'bot', 'away', 'import', 'retention', 'line', 'security', 'localApi', 'accessLog', 'backup', 'webhooks'];
/** What staff may set themselves; everything else is for a manager (main refuses it too). */
const STAFF_SECTIONS: readonly SettingsSection[] = ['display', 'quickReplies'];
const ICONS: Record<SettingsSection, LucideIcon> = {
  shop: Building2,
  profiles: Users,
  display: Bell,
  keywords: KeyRound,
  timings: Clock,
  templates: FileText,
  quickReplies: MessageSquareText,
  cases: Wrench,
  bot: Bot,
  hours: CalendarClock,
  away: Moon,
  import: Upload,
  line: Smartphone,
  retention: Archive,
  security: Lock,
  localApi: Plug,
  accessLog: ScrollText,
  backup: HardDrive,
  webhooks: Webhook,
};

/** The manager's screen: shop profile, keywords, time limits, customer texts and the consent import. */
export function SettingsView() {
  const { t } = useTranslation();
  const hide = useCallback(() => useUi.getState().hide('settings'), []);
  const section = useUi((s) => s.settingsSection);
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.loadError);
  const bodyRef = useRef<HTMLDivElement>(null);
  const manager = useSecurity(isManager);
  const sections = manager ? SECTIONS : STAFF_SECTIONS;
  const viewRef = useRef<HTMLDivElement>(null);
  useFocusTrap(viewRef);

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
    <div className="settings" ref={viewRef} tabIndex={-1} role="dialog" aria-modal="true" aria-labelledby="settings-title" data-testid="settings">
      <header className="settings__header">
        <h2 id="settings-title" className="settings__title">
          {t('settings.title')}
        </h2>
        <nav className="settings__nav" aria-label={t('settings.title')}>
          {sections.map((s) => {
            const Icon = ICONS[s];
            return (
              <button key={s} type="button" className="btn btn--ghost btn--small" onClick={() => jump(s)}>
                <Icon size={16} aria-hidden="true" />
                {s === 'security' || s === 'localApi' || s === 'accessLog' ? t(`security.nav.${s}`) : t(`settings.nav.${s}`)}
              </button>
            );
          })}
        </nav>
        <button type="button" className="btn" data-testid="settings-close" onClick={hide}>
          <X size={16} aria-hidden="true" />
          {t('settings.close')}
        </button>
      </header>
      <div className="settings__body" ref={bodyRef}>
        {error && (
          <p className="settings__status settings__status--error" role="alert">
            {t('settings.loadFailed', { message: errorText(t, error) })}
          </p>
        )}
        {manager ? <ManagerBanner /> : <ManagerGate />}
        {!manager && (
          <>
            <DisplaySection />
            <QuickRepliesSection />
          </>
        )}
        {manager && !settings && !error && <p className="settings-section__hint">{t('settings.loading')}</p>}
        {manager && <SetupSection />}
        {manager && settings && (
          <>
            <ShopSection settings={settings} />
            <SpecialDaysSection settings={settings} />
            <KeywordsSection settings={settings} />
            <TimingsSection settings={settings} />
          </>
        )}
        {manager && (
          <>
            <ProfilesSection />
            <StaffLinksSection />
            <DisplaySection />
            <TemplatesSection />
            <Section id="cases" title={t('settings.nav.cases')}>
              <CaseMessagesEditor />
            </Section>
            <QuickRepliesSection />
            <BotSections />
            <ImportSection />
            <RetentionSection />
            <LineSection />
            <AutoLockSection />
            <LocalApiSection />
            <AccessLogSection />
            <BackupSection />
            <WebhooksSection />
          </>
        )}
      </div>
    </div>
  );
}
