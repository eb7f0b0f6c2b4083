import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@contract';
import { DEFAULT_LOCALE, LOCALES } from '@contract/constants';
import { de } from './de';
import { en } from './en';

export { LOCALES, type Locale };

/** Every language's resources; the German ones define the keys (see de.ts). */
export const resources = { de: { translation: de }, en: { translation: en } } satisfies Record<Locale, unknown>;

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    // React already escapes text; escaping twice would show &lt; to staff.
    interpolation: { escapeValue: false },
    returnNull: false,
    // No advertisement in the console of a counter PC.
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

/** Shows the UI in this language (storing the choice is the app actions' job). */
export async function showLocale(locale: Locale): Promise<void> {
  if (!i18next.isInitialized) return;
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export { i18next };
