import { useCallback, useContext, useSyncExternalStore } from 'react';
import type { i18n as I18n, TFunction } from 'i18next';
import { getI18n, I18nContext } from 'react-i18next';

/** What a component gets to translate: `t` for the language shown, and that language (for dates and numbers). */
export interface Translation {
  t: TFunction;
  i18n: { language: string };
}

/** One Translation per instance and language, shared by every component. */
const shared = new WeakMap<I18n, Map<string, Translation>>();

function translationOf(i18n: I18n): Translation {
  const language = i18n.language;
  let byLanguage = shared.get(i18n);
  if (!byLanguage) shared.set(i18n, (byLanguage = new Map()));
  let translation = byLanguage.get(language);
  if (!translation) byLanguage.set(language, (translation = { t: i18n.getFixedT(language), i18n: { language } }));
  return translation;
}

/**
 * The components' one way to translate (lint forbids react-i18next's own
 * hook). react-i18next's useTranslation copies the i18next instance's
 * properties into a wrapper for each component it mounts; the history's and
 * the inbox's rows mount by the dozen as staff scroll and messages arrive,
 * and in a burst of 2,000 messages those copies and their lookups were a
 * tenth of the window's time. Here all components share one `t` per
 * language; a language change draws them again. The instance is the one
 * from I18nextProvider if there is one (tests), else the app's.
 */
export function useTranslation(): Translation {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  const subscribe = useCallback(
    (onChange: () => void) => {
      i18n.on('languageChanged', onChange);
      return () => i18n.off('languageChanged', onChange);
    },
    [i18n],
  );
  const snapshot = (): Translation => translationOf(i18n);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
