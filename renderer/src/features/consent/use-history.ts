import { useEffect } from 'react';
import type { ContactSummary } from '@contract';
import { consentActions } from './actions';
import { useConsentHistory } from './history-store';
import type { HistoryEntry } from './history-store';

/**
 * Keeps one contact's consent history loaded and fresh: refetched when its
 * consent summary changes (contact.updated) or main reports consent.changed.
 */
export function useContactHistory(contact: Pick<ContactSummary, 'id' | 'consent'>): HistoryEntry | undefined {
  const id = contact.id;
  const consentKey = JSON.stringify(contact.consent);
  useEffect(() => {
    void consentActions.loadHistory(id);
  }, [id, consentKey]);
  useEffect(() => consentActions.watchHistory(id), [id]);
  return useConsentHistory((s) => s.byContact[id]);
}
