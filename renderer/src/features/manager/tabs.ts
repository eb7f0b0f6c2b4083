import type { TFunction } from 'i18next';
import { createElement, lazy, type ComponentType } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { ContactsTab } from './ContactsTab';
import { RecordTab } from './RecordTab';

/** Said in the tab when its code could not be fetched (a page left open across an update of serve mode). */
function ChartsUnavailable() {
  const { t } = useTranslation();
  return createElement('p', { role: 'alert', className: 'settings__status settings__status--error', 'data-testid': 'stats-unavailable' }, t('manager.chartsUnavailable'));
}

/**
 * The charts library is about a third of the renderer's code and only this tab
 * uses it: loaded when a manager opens it, so the counter's first screen does
 * not wait for it. A failed fetch shows a line in the tab instead of taking
 * the whole window down (there is no error boundary above it).
 */
const StatsTab = lazy(() =>
  import('./StatsTab').then(
    (m) => ({ default: m.StatsTab }),
    () => ({ default: ChartsUnavailable }),
  ),
);

/** One tab of the Verwaltung view. */
export interface ManagerTab {
  id: string;
  label: (t: TFunction) => string;
  Component: ComponentType;
}

/**
 * The tabs of the Verwaltung view, in order. Other areas (access log, API
 * keys, backups, retention) add theirs here: one entry each.
 */
export const managerTabs: ManagerTab[] = [
  { id: 'contacts', label: (t) => t('manager.tabs.contacts'), Component: ContactsTab },
  { id: 'stats', label: (t) => t('manager.tabs.stats'), Component: StatsTab },
  { id: 'record', label: (t) => t('manager.tabs.record'), Component: RecordTab },
];
