import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useConsentHistory, useConsentVerify } from './history-store';

/** The consent feature's actions: components read the history and verify stores and call these. */
export function createConsentActions(client: ApiClient) {
  const seq: Record<number, number> = {};

  /** Fetches a contact's consent events into the cache; a newer request wins over a slower older one. */
  const loadHistory = async (contactId: number): Promise<void> => {
    const mine = (seq[contactId] = (seq[contactId] ?? 0) + 1);
    useConsentHistory.getState().setLoading(contactId);
    try {
      const events = await client.call('consent.history', { contactId });
      if (seq[contactId] === mine) useConsentHistory.getState().setEvents(contactId, events);
    } catch (err) {
      if (seq[contactId] === mine) useConsentHistory.getState().setError(contactId, toApiError(err));
    }
  };

  return {
    loadHistory,
    /** Reloads a contact's history whenever main reports a consent change for it; returns the stop function. */
    watchHistory(contactId: number): () => void {
      return client.on('consent.changed', (e) => {
        if (e.contactId === contactId) void loadHistory(contactId);
      });
    },
    /** The panel opened: no earlier check result is shown. */
    resetVerify(): void {
      useConsentVerify.setState({ verify: { state: 'idle' } });
    },
    async verify(): Promise<void> {
      useConsentVerify.setState({ verify: { state: 'running' } });
      try {
        useConsentVerify.setState({ verify: { state: 'done', result: await client.call('consent.verify', {}) } });
      } catch (err) {
        useConsentVerify.setState({ verify: { state: 'failed', error: toApiError(err) } });
      }
    },
  };
}

export const consentActions = createConsentActions(api);
