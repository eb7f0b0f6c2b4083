import { create } from 'zustand';

export type SettingsSection = 'shop' | 'keywords' | 'timings' | 'templates' | 'import' | 'line';

/** Whether the settings screen is shown, and which part to scroll to. */
export const useSettingsView = create<{
  open: boolean;
  section: SettingsSection;
  show(section?: SettingsSection): void;
  hide(): void;
}>()((set) => ({
  open: false,
  section: 'shop',
  show: (section = 'shop') => set({ open: true, section }),
  hide: () => set({ open: false }),
}));
