import type { Locale, MethodInput } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useShopLocale } from './asked-word';
import { useConsentBusy, type BusyKind } from './busy-store';
import { useConsentHistory, useConsentVerify } from './history-store';
import { downloadBase64 } from '../../lib/download';

/** Hands the proof PDF to the browser as a download. */
const saveDownload = ({ fileName, pdfBase64 }: { fileName: string; pdfBase64: string }): void => downloadBase64(fileName, pdfBase64, 'application/pdf');

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

  let shopLocaleLoading = false;

  /**
   * Runs a panel action once at a time per contact: 'ignored' while the same
   * one is running, 'failed' with the error kept in the busy store.
   */
  const exclusive = async (kind: BusyKind, contactId: number, work: () => Promise<void>): Promise<'done' | 'failed' | 'ignored'> => {
    if (!useConsentBusy.getState().begin(kind, contactId)) return 'ignored';
    try {
      await work();
    } catch (err) {
      useConsentBusy.getState().finish(kind, contactId, toApiError(err));
      return 'failed';
    }
    useConsentBusy.getState().finish(kind, contactId);
    return 'done';
  };

  return {
    loadHistory,
    /** Staff record a revocation the customer gave outside WhatsApp (never a grant). */
    async recordRevocation(input: MethodInput<'consent.recordRevocation'>): Promise<'done' | 'failed' | 'ignored'> {
      const outcome = await exclusive('revocation', input.contactId, () => client.call('consent.recordRevocation', input).then(() => undefined));
      if (outcome === 'done') await loadHistory(input.contactId);
      return outcome;
    },
    async setContactLocale(contactId: number, locale: Locale | null): Promise<void> {
      await client.call('consent.setLocale', { contactId, locale });
    },
    /** Fetches the proof PDF and hands it to the browser as a download. */
    downloadProofPdf(contactId: number): Promise<'done' | 'failed' | 'ignored'> {
      return exclusive('pdf', contactId, () => client.call('consent.proofPdf', { contactId }).then(saveDownload));
    },
    /** Loads the shop's default customer language once (what a pending customer was asked in). */
    ensureShopLocale(): void {
      if (shopLocaleLoading || useShopLocale.getState().locale) return;
      shopLocaleLoading = true;
      client
        .call('settings.get', {})
        .then((s) => useShopLocale.setState({ locale: s.customerLocale }))
        .catch(() => {
          shopLocaleLoading = false;
        });
    },
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
