import { z } from 'zod';

/** The languages Tresen speaks, the first being the default. The only place this list is spelled. */
export const LOCALES = ['de', 'en'] as const;
export const DEFAULT_LOCALE = LOCALES[0];
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
export const isLocale = (v: unknown): v is Locale => Locale.safeParse(v).success;
