import { create } from 'zustand';

/** Everything that can be opened over or beside the workspace. */
export type Panel = 'sim' | 'settings' | 'onboarding' | 'search' | 'cases' | 'casePanel' | 'announcements' | 'manager';
export type SettingsSection = 'shop' | 'keywords' | 'timings' | 'templates' | 'import' | 'line' | 'profiles' | 'display' | 'cases' | 'quickReplies' | 'bot' | 'hours' | 'away';
/** 'system' follows prefers-color-scheme. */
export type Theme = 'system' | 'light' | 'dark';

const THEME_KEY = 'tresen.theme';
const readTheme = (): Theme => {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
};

export interface UiState {
  open: Record<Panel, boolean>;
  /** The part of the settings screen to scroll to when it opens. */
  settingsSection: SettingsSection;
  /**
   * "Open the conversation at this message": set by a search hit (or a
   * notification) right before the conversation opens; the conversation pane
   * scrolls to the message, highlights it and calls focusMessage(null).
   */
  focusMessageId: number | null;
  /** The screen is locked: no notifications, no sound, nothing of a chat shown. */
  locked: boolean;
  theme: Theme;
  show(panel: Panel): void;
  hide(panel: Panel): void;
  toggle(panel: Panel): void;
  showSettings(section?: SettingsSection): void;
  focusMessage(id: number | null): void;
  setLocked(locked: boolean): void;
  setTheme(theme: Theme): void;
}

/** The one store for which panel or screen is open. App.tsx reads it to mount them. */
export const useUi = create<UiState>()((set) => ({
  open: { sim: false, settings: false, onboarding: false, search: false, cases: false, casePanel: false, announcements: false, manager: false },
  settingsSection: 'shop',
  focusMessageId: null,
  locked: false,
  theme: readTheme(),
  show: (panel) => set((s) => ({ open: { ...s.open, [panel]: true } })),
  hide: (panel) => set((s) => ({ open: { ...s.open, [panel]: false } })),
  toggle: (panel) => set((s) => ({ open: { ...s.open, [panel]: !s.open[panel] } })),
  showSettings: (section = 'shop') => set((s) => ({ open: { ...s.open, settings: true }, settingsSection: section })),
  focusMessage: (focusMessageId) => set({ focusMessageId }),
  setLocked: (locked) => set({ locked }),
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // Private mode: the theme holds for this session.
    }
    set({ theme });
  },
}));
