import { z } from 'zod';

import { LOCALES } from './constants';

export { DEFAULT_LOCALE, LOCALES } from './constants';
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
export const isLocale = (v: unknown): v is Locale => Locale.safeParse(v).success;
