import { create } from 'zustand';
import type { ContactSummary, Locale } from '@contract';

/** The shop's default customer language (null until loaded by consentActions.ensureShopLocale). */
export const useShopLocale = create<{ locale: Locale | null }>()(() => ({ locale: null }));

/** The word the customer was actually asked to answer with, in the language their texts go out in. */
export function askedWord(contact: Pick<ContactSummary, 'locale'>, shopLocale: Locale | null): string {
  return (contact.locale ?? shopLocale ?? 'de') === 'en' ? 'YES' : 'JA';
}
