import { create } from 'zustand';
import type { BotSettings } from '@contract';
import type { ApiError } from '@contract/errors';

export interface BotState {
  /** The bot settings as main last confirmed them; null until loaded. */
  settings: BotSettings | null;
  loadError: ApiError | null;
}

export const initialBot: BotState = { settings: null, loadError: null };
export const useBot = create<BotState>()(() => initialBot);
