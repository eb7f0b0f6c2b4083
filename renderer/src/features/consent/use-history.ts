import { useEffect } from 'react';
import type { ContactSummary } from '@contract';
import { api } from '../../api';
import { toApiError } from '../../api/client';
import { useConsentHistory } from './history-store';
import type { HistoryEntry } from './history-store';

const seq: Record<number, number> = {};

/** Fetches a contact's consent events into the cache; a newer request wins over a slower older one. */
export async function loadHistory(contactId: number): Promise<void> {
  const mine = (seq[contactId] = (seq[contactId] ?? 0) + 1);
  const store = useConsentHistory.getState();
  store.setLoading(contactId);
  try {
    const events = await api.call('consent.history', { contactId });
    if (seq[contactId] === mine) useConsentHistory.getState().setEvents(contactId, events);
  } catch (err) {
    if (seq[contactId] === mine) useConsentHistory.getState().setError(contactId, toApiError(err).message);
  }
}

/**
 * Keeps one contact's consent history loaded and fresh: refetched when its
 * consent summary changes (contact.updated) or main reports consent.changed.
 */
export function useContactHistory(contact: Pick<ContactSummary, 'id' | 'consent'>): HistoryEntry | undefined {
  const id = contact.id;
  const consentKey = JSON.stringify(contact.consent);
  useEffect(() => {
    void loadHistory(id);
  }, [id, consentKey]);
  useEffect(
    () =>
      api.on('consent.changed', (e) => {
        if (e.contactId === id) void loadHistory(id);
      }),
    [id],
  );
  return useConsentHistory((s) => s.byContact[id]);
}
