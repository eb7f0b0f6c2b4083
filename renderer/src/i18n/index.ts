import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { registerFeatureStrings } from '../features/consent/feature-strings';
import { de } from './de';
import { en } from './en';

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];
const STORAGE_KEY = 'tresen.locale';

const isLocale = (v: unknown): v is Locale => v === 'de' || v === 'en';

/** The language staff picked last on this PC; German otherwise. */
export function storedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: storedLocale() ?? 'de',
    fallbackLng: 'de',
    // React already escapes text; escaping twice would show &lt; to staff.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  registerFeatureStrings(i18next);
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function setLocale(locale: Locale): Promise<void> {
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or a locked-down profile: the choice just is not remembered.
  }
}

/** The app's configured language, used only until staff picks one on this PC. */
export async function applyDefaultLocale(locale: Locale): Promise<void> {
  if (storedLocale() !== null || i18next.language === locale) return;
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

export { i18next };
