import { z } from 'zod';
import { method } from './define';
import { Locale } from './locales';

/** The staff's own UI preferences, stored in the app's settings so Electron and the browser agree. */
export const uiMethods = {
  'ui.getLocale': method(
    z.object({}).strict(),
    z.object({ locale: Locale.nullable() }),
    "The staff's UI language, or null when none was chosen yet (then the app's default applies).",
  ),
  'ui.setLocale': method(z.object({ locale: Locale }).strict(), z.object({ locale: Locale }), "Stores the staff's UI language."),
} as const;
