import { create } from 'zustand';

/** Everything that can be opened over or beside the workspace. */
export type Panel = 'sim' | 'settings' | 'onboarding' | 'cases' | 'casePanel';
export type SettingsSection = 'shop' | 'keywords' | 'timings' | 'templates' | 'cases' | 'import' | 'line';

export interface UiState {
  open: Record<Panel, boolean>;
  /** The part of the settings screen to scroll to when it opens. */
  settingsSection: SettingsSection;
  show(panel: Panel): void;
  hide(panel: Panel): void;
  toggle(panel: Panel): void;
  showSettings(section?: SettingsSection): void;
}

/** The one store for which panel or screen is open. App.tsx reads it to mount them. */
export const useUi = create<UiState>()((set) => ({
  open: { sim: false, settings: false, onboarding: false, cases: false, casePanel: false },
  settingsSection: 'shop',
  show: (panel) => set((s) => ({ open: { ...s.open, [panel]: true } })),
  hide: (panel) => set((s) => ({ open: { ...s.open, [panel]: false } })),
  toggle: (panel) => set((s) => ({ open: { ...s.open, [panel]: !s.open[panel] } })),
  showSettings: (section = 'shop') => set((s) => ({ open: { ...s.open, settings: true }, settingsSection: section })),
}));
