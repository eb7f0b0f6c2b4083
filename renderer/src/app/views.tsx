import { useSetup } from '../features/setup/setup-store';
import { useUi, type Panel } from '../store/ui';
import { lazyView } from './lazy-view';

/**
 * The views the counter opens on demand, each in a chunk of its own: the
 * window evaluates only the counter's code at the start. App.tsx mounts
 * them from the UI store as before; their actions and stores stay in the
 * main chunk where the app's start needs them.
 */
const hide = (panel: Panel) => () => useUi.getState().hide(panel);

export const OnboardingView = lazyView(() => import('../features/onboarding/OnboardingView'), (m) => m.OnboardingView, {
  onClose: hide('onboarding'),
});
export const SearchDialog = lazyView(() => import('../features/inbox/SearchDialog'), (m) => m.SearchDialog, { onClose: hide('search') });
export const SettingsView = lazyView(() => import('../features/settings/SettingsView'), (m) => m.SettingsView, { onClose: hide('settings') });
export const CasesView = lazyView(() => import('../features/cases/CasesView'), (m) => m.CasesView, { onClose: hide('cases') });
export const AnnouncementsView = lazyView(() => import('../features/announcements/AnnouncementsView'), (m) => m.AnnouncementsView, {
  onClose: hide('announcements'),
});
export const ManagerView = lazyView(() => import('../features/manager/ManagerView'), (m) => m.ManagerView, { onClose: hide('manager') });
/** Demo only; a column of the workspace, so nothing stands in while it loads. */
export const SimPanel = lazyView(() => import('../features/sim/SimPanel'), (m) => m.SimPanel, { fallback: null, onClose: hide('sim') });
/** Closing after a failed load hides the tour for this session only; it was never seen, so it is not dismissed. */
export const Tour = lazyView(() => import('../features/setup/Tour'), (m) => m.Tour, {
  fallback: null,
  onClose: () => useSetup.setState({ tourStep: null }),
});
/** Until the set-up is completed the wizard is the whole screen: there is nothing to close to. */
export const SetupWizard = lazyView(() => import('../features/setup/SetupWizard'), (m) => m.SetupWizard);
/** The linking screen holds the workspace's place while it loads, so the status bar does not jump. */
export const LinkGate = lazyView(() => import('../features/line/LinkGate'), (m) => m.LinkGate, {
  fallback: <main className="link-gate" />,
});

/** The dialogs staff open most, fetched once the inbox is on screen so the first click opens at once. */
export const COMMON_VIEWS = [OnboardingView, SearchDialog, SettingsView, CasesView];
