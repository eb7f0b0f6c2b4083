import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { de, enGB } from 'date-fns/locale';
import type { ConsentSettings, Locale } from '../../contract';
import { parseOpeningHours, safeTimeZone, type ShopClock } from './shop-time';

/** What case messages, reminders and labels need to know about the shop. */
export interface CaseShop {
  name: string;
  address: string;
  clock: ShopClock;
}

/**
 * The shop profile as cases read it: its IANA `timeZone` and weekly
 * `openingHours` with its holidays and special days (an unreadable value falls back to Europe/Berlin, Mon–Fri
 * 9–18, Sat 10–14).
 */
export function caseShopFrom(settings: ConsentSettings): CaseShop {
  const shop = settings.shop;
  return {
    name: shop.name,
    address: shop.address,
    clock: { timeZone: safeTimeZone(shop.timeZone), hours: parseOpeningHours(shop.openingHours), specialDays: shop.specialDays ?? [] },
  };
}

/** The customer's language for case messages: the contact's own, else the shop's default for customers. */
export function customerLocaleFrom(settings: ConsentSettings, contact?: { locale?: string | null } | null): Locale {
  const own = contact?.locale;
  return own === 'de' || own === 'en' ? own : settings.customerLocale;
}

/**
 * The shop and each customer's language, read from the settings at every
 * call (a change in Settings applies to the next message): how the app
 * wires cases and the bot, and the benchmark wires cases as the app does.
 */
export function shopContextFrom(
  settings: () => ConsentSettings,
  contactById: (contactId: number) => { locale?: string | null } | undefined,
): { shop: () => CaseShop; locale: (contactId: number | null) => Locale } {
  return {
    shop: () => caseShopFrom(settings()),
    locale: (contactId) => customerLocaleFrom(settings(), contactId === null ? null : contactById(contactId)),
  };
}

/** A date for a customer: "Mittwoch, 2. Dezember 2026, 15:00 Uhr"; an end-of-day date alone without the time. */
export function formatWhen(ms: number | null, timeZone: string, locale: Locale): string {
  if (ms === null) return '';
  const d = new TZDate(ms, timeZone);
  const dateOnly = d.getHours() === 23 && d.getMinutes() === 59;
  if (locale === 'de') return format(d, dateOnly ? 'EEEE, d. MMMM yyyy' : "EEEE, d. MMMM yyyy, HH:mm 'Uhr'", { locale: de });
  return format(d, dateOnly ? 'EEEE d MMMM yyyy' : 'EEEE d MMMM yyyy, HH:mm', { locale: enGB });
}
