import { create } from 'zustand';
import type { ConsentSettings, TemplateView } from '@contract';
import type { ApiError } from '@contract/errors';

export interface SettingsState {
  /** The consent settings as main last confirmed them; null until loaded. */
  settings: ConsentSettings | null;
  loadError: ApiError | null;
  /** Every version of every customer text, oldest first; null until loaded. */
  templates: TemplateView[] | null;
  templatesError: ApiError | null;
}

export const initialSettings: SettingsState = { settings: null, loadError: null, templates: null, templatesError: null };

/** What the settings screen shows. */
export const useSettings = create<SettingsState>()(() => initialSettings);
