import type { SetupInput } from '@contract';
import type { ApiError } from '@contract/errors';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useUi } from '../../store/ui';
import { useSetup } from './setup-store';

/** The wizard's and the tour's actions: components read useSetup and call these. */
export function createSetupActions(client: ApiClient) {
  return {
    async load(): Promise<void> {
      try {
        const state = await client.call('setup.state', {});
        useSetup.setState((s) => ({ state, firstDone: s.firstDone ?? state.done }));
      } catch {
        // An older main without the wizard: the counter opens as before.
        useSetup.setState({ state: { completed: true, done: [], missing: [], logo: null, tourDismissed: true } });
      }
    },
    /** Saves one step; resolves with the error to show next to its field, or null. */
    async save(input: SetupInput): Promise<ApiError | null> {
      try {
        useSetup.setState({ state: await client.call('setup.saveStep', input) });
        return null;
      } catch (err) {
        return toApiError(err);
      }
    },
    async complete(): Promise<ApiError | null> {
      try {
        useSetup.setState({ state: await client.call('setup.complete', {}), reopened: false });
        return null;
      } catch (err) {
        return toApiError(err);
      }
    },
    /** From the settings: walk through every step again. */
    reopen(): void {
      useUi.getState().hide('settings');
      useSetup.setState({ reopened: true });
    },
    close(): void {
      useSetup.setState({ reopened: false });
    },
    /** "Demo starten": simulated customers write in, the phone panel opens, and the tour starts unless dismissed before. */
    async startDemo(): Promise<ApiError | null> {
      try {
        await client.call('demo.start', {});
      } catch (err) {
        return toApiError(err);
      }
      useUi.getState().show('sim');
      if (!useSetup.getState().state?.tourDismissed) useSetup.setState({ tourStep: 0 });
      return null;
    },
    tourNext(count: number): void {
      const step = useSetup.getState().tourStep;
      if (step === null) return;
      if (step + 1 >= count) void this.dismissTour();
      else useSetup.setState({ tourStep: step + 1 });
    },
    /** Skipped or finished: stored in main, so the tour never returns. */
    async dismissTour(): Promise<void> {
      useSetup.setState({ tourStep: null });
      try {
        useSetup.setState({ state: await client.call('setup.dismissTour', {}) });
      } catch {
        // Shown again at worst; nothing else depends on it.
      }
    },
  };
}

export const setupActions = createSetupActions(api);
