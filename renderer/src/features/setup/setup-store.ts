import { create } from 'zustand';
import type { SetupState, SetupStep } from '@contract';

export interface SetupUiState {
  /** What main says about the set-up; null until loaded. */
  state: SetupState | null;
  /** Steps done when this window first loaded: a first run shows only the others (an existing install's gaps). */
  firstDone: SetupStep[] | null;
  /** Opened again from the settings (every step, not only the missing ones). */
  reopened: boolean;
  /** The counter tour is running (step index), null when not shown. */
  tourStep: number | null;
}

export const useSetup = create<SetupUiState>()(() => ({ state: null, firstDone: null, reopened: false, tourStep: null }));
