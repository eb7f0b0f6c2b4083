import type { TFunction } from 'i18next';
import { lazy, type ComponentType } from 'react';
import { ContactsTab } from './ContactsTab';
import { RecordTab } from './RecordTab';

/**
 * The charts library is about a third of the renderer's code and only this tab
 * uses it: loaded when a manager opens it, so the counter's first screen does
 * not wait for it.
 */
const StatsTab = lazy(() => import('./StatsTab').then((m) => ({ default: m.StatsTab })));

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
