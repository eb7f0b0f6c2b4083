import { create } from 'zustand';
import type { ContactSummary, Locale, MethodInput } from '@contract';

/** The shop's default customer language, loaded once (what a pending customer was asked in). */
interface ShopLocaleState {
  locale: Locale | null;
  set(locale: Locale): void;
}
export const useShopLocale = create<ShopLocaleState>()((set) => ({ locale: null, set: (locale) => set({ locale }) }));
let loading = false;

export function ensureShopLocale(): void {
  if (loading || useShopLocale.getState().locale) return;
  loading = true;
  // Loaded on first use, so components that only show texts do not pull in the transport.
  import('../../api')
    .then(({ api }) => api.call('settings.get', {}))
    .then((s) => useShopLocale.getState().set(s.customerLocale))
    .catch(() => {
      loading = false;
    });
}

/** The word the customer was actually asked to answer with, in the language their texts go out in. */
export function askedWord(contact: Pick<ContactSummary, 'locale'>, shopLocale: Locale | null): string {
  return (contact.locale ?? shopLocale ?? 'de') === 'en' ? 'YES' : 'JA';
}

/** Staff record a revocation the customer gave outside WhatsApp. */
export async function recordRevocation(input: MethodInput<'consent.recordRevocation'>): Promise<void> {
  const [{ api }, { loadHistory }] = await Promise.all([import('../../api'), import('./use-history')]);
  await api.call('consent.recordRevocation', input);
  await loadHistory(input.contactId);
}

export async function setContactLocale(contactId: number, locale: Locale | null): Promise<void> {
  const { api } = await import('../../api');
  await api.call('consent.setLocale', { contactId, locale });
}

/** Fetches the proof PDF and hands it to the browser as a download. */
export async function downloadProofPdf(contactId: number): Promise<void> {
  const { api } = await import('../../api');
  const { fileName, pdfBase64 } = await api.call('consent.proofPdf', { contactId });
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
