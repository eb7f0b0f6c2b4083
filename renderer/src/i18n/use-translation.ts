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
/** Instances whose resource changes are watched (the app's own never change after the start). */
const watched = new WeakSet<I18n>();

function translationOf(i18n: I18n): Translation {
  const language = i18n.language;
  let byLanguage = shared.get(i18n);
  if (!byLanguage) shared.set(i18n, (byLanguage = new Map()));
  if (!watched.has(i18n) && i18n.store) {
    watched.add(i18n);
    // The texts remembered (see plainTextsOnce) are forgotten when resources are added or removed.
    const forget = (): void => void shared.delete(i18n);
    i18n.store.on('added', forget);
    i18n.store.on('removed', forget);
  }
  let translation = byLanguage.get(language);
  if (!translation) byLanguage.set(language, (translation = { t: plainTextsOnce(i18n, language), i18n: { language } }));
  return translation;
}

/**
 * `t` for one language that looks each plain key (one without options) up
 * once: i18next's own path (parsing the key, its fallbacks, the
 * interpolation and nesting passes over the text) cost about 50 µs a call in
 * a fresh window: its start made about 190 calls, the session's first chat
 * about 130 more, most of them the same keys again. A plain text is read from the
 * resources directly; anything else (a key with options, a text with
 * placeholders, one missing in this language) goes through i18next, and its
 * answer for a plain key is remembered too. The same text either way: a
 * test compares every key of both languages.
 */
function plainTextsOnce(i18n: I18n, language: string): TFunction {
  const fixed = i18n.getFixedT(language);
  const ns = typeof i18n.options.defaultNS === 'string' ? i18n.options.defaultNS : 'translation';
  const { prefix = '{{', nestingPrefix = '$t(' } = i18n.options.interpolation ?? {};
  /** Nothing for i18next to resolve in it: no placeholder, no nested key. */
  const isPlain = (text: unknown): text is string => typeof text === 'string' && text !== '' && !text.includes(prefix) && !text.includes(nestingPrefix);
  const known = new Map<string, string>();
  const plain = (key: string): string => {
    let text = known.get(key);
    if (text === undefined) {
      const stored: unknown = key.includes(':') ? undefined : i18n.getResource(language, ns, key);
      text = isPlain(stored) ? stored : String(fixed(key));
      known.set(key, text);
    }
    return text;
  };
  // TFunction's overloads cannot be written as one function: it is called as i18next's t is.
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  return ((key: unknown, ...rest: unknown[]) => (rest.length === 0 && typeof key === 'string' ? plain(key) : call(key, ...rest))) as unknown as TFunction;
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
