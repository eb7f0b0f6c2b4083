import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { resources } from '../../renderer/src/i18n';

/** A fresh i18next instance with the renderer's real resources (German first, as the app starts). */
export async function createTestI18n(lng = 'de'): Promise<I18n> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18n;
}

/** Static markup of a component in a language (resources are in memory, so the switch is immediate). */
export function renderIn(i18n: I18n, el: ReactElement, lng = 'de'): string {
  void i18n.changeLanguage(lng);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{el}</I18nextProvider>);
}
