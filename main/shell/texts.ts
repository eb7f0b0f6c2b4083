import type { Locale } from '../contract/locales';

/**
 * The main process's own words (tray, dialogs, notifications), German and
 * English. The renderer's texts live in renderer/src (i18next); these are the
 * few the shell shows before or outside the window.
 */
const de = {
  trayOpen: 'Tresen öffnen',
  trayQuit: 'Beenden',
  startFailed: 'Tresen konnte nicht starten',
  notifyTitle: (who: string) => `Neue Nachricht von ${who}`,
  notifyNoConsent: 'Wartet auf Einwilligung',
  notifyMedia: 'Medien',
  notifyUnknown: 'Unbekannter Kontakt',
};

/** English: the same keys as German (the type checks it). */
const en: typeof de = {
  trayOpen: 'Open Tresen',
  trayQuit: 'Quit',
  startFailed: 'Tresen could not start',
  notifyTitle: (who: string) => `New message from ${who}`,
  notifyNoConsent: 'Waiting for consent',
  notifyMedia: 'Media',
  notifyUnknown: 'Unknown contact',
};

export type ShellTexts = typeof de;
const TEXTS: Record<Locale, ShellTexts> = { de, en };

/** The shell's language for a system locale such as "de-DE": German for German, English otherwise. */
export const shellLocale = (systemLocale: string): Locale => (systemLocale.toLowerCase().startsWith('de') ? 'de' : 'en');

export const shellTexts = (systemLocale: string): ShellTexts => TEXTS[shellLocale(systemLocale)];
