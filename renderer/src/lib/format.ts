import type { ConsentSummary, ContactSummary } from '@contract';
import { MAX_MESSAGE_LENGTH } from '@contract/constants';
import { formatInternational } from '@contract/phone';

/** Whether a typed number means a stored one (the contract's phone rule). */
export { samePhone } from '@contract/phone';

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/**
 * Formatters are costly to create (a list of rows made hundreds per render);
 * each locale and option set gets one, kept for the session.
 */
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key) as Intl.NumberFormat | undefined;
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** +4915112345678 → "+49 151 12345678"; anything unparseable is shown as stored. */
export function formatPhone(phone: string): string {
  let shown = shownPhones.get(phone);
  if (shown === undefined) {
    if (shownPhones.size >= 50_000) shownPhones.clear();
    shownPhones.set(phone, (shown = formatInternational(phone)));
  }
  return shown;
}
/** Parsing a number is costly and every row shows one, again on each render. */
const shownPhones = new Map<string, string>();

/** The name staff gave wins; the customer's own push name next; the number last. */
export function displayName(c: Pick<ContactSummary, 'name' | 'pushName' | 'phone'>): string {
  const name = c.name?.trim();
  if (name) return name;
  const push = c.pushName?.trim();
  if (push) return `~ ${push}`;
  return formatPhone(c.phone);
}

const sameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * Compact time for lists: "14:05" today, "Gestern" / "Yesterday", the weekday
 * within the last week, the date before that.
 */
export function formatListTime(iso: string, now: Date, locale: string, yesterday: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (sameDay(d, now)) {
    return dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
  }
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  if (sameDay(d, y)) return yesterday;
  const ageMs = now.getTime() - d.getTime();
  if (ageMs > 0 && ageMs < 6 * 24 * 3600 * 1000) {
    return dateFormat(locale, { weekday: 'short' }).format(d);
  }
  return dateFormat(locale, { day: '2-digit', month: '2-digit', year: '2-digit' }).format(d);
}

/** Full date and time for tooltips and "since" texts. */
export function formatDateTime(iso: string | null, locale: string): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Time of day under a bubble. */
export function formatClock(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** A day separator's date: "Freitag, 27. November 2026". */
export function formatDay(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/**
 * Creates the formatters a chat shows (its header's consent dates, day
 * separators, the bubbles' times) before the first chat is opened: ICU
 * builds a date style's patterns on its first formatter, 1–6 ms inside
 * the session's first open otherwise. Called while the browser is idle
 * after the first screen.
 */
export function warmChatFormats(locale: string): void {
  const now = new Date().toISOString();
  formatDateTime(now, locale);
  formatDay(now, locale);
  formatClock(now, locale);
}

export type ConsentBadgeKind = 'none' | 'requested' | 'service' | 'serviceMarketing' | 'revoked' | 'expired';

/**
 * One badge for a contact. Service consent decides whether staff may chat at
 * all, so it leads; marketing only adds to a granted service consent.
 */
export function consentBadge(c: ConsentSummary): { kind: ConsentBadgeKind; since: string | null; marketingSince: string | null } {
  const since = c.serviceSince;
  switch (c.service) {
    case 'granted':
      return c.marketing === 'granted'
        ? { kind: 'serviceMarketing', since, marketingSince: c.marketingSince }
        : { kind: 'service', since, marketingSince: null };
    case 'requested':
      return { kind: 'requested', since, marketingSince: null };
    case 'revoked':
      return { kind: 'revoked', since, marketingSince: null };
    case 'expired':
      return { kind: 'expired', since, marketingSince: null };
    default:
      return { kind: 'none', since, marketingSince: null };
  }
}

/** The limit the contract enforces, re-exported for the composer. */
export { MAX_MESSAGE_LENGTH };

/** What the composer may send: trimmed and within the limit the contract enforces. */
export function checkMessageText(text: string): { ok: true; text: string } | { ok: false; reason: 'empty' | 'tooLong'; length: number } {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, reason: 'empty', length: 0 };
  if (trimmed.length > MAX_MESSAGE_LENGTH) return { ok: false, reason: 'tooLong', length: trimmed.length };
  return { ok: true, text: trimmed };
}

/** "seit 07:37" today, "seit 21.11., 18:05" before: short enough for a list row. */
export function formatSince(iso: string | null, now: Date, locale: string): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  if (sameDay(d, now)) return dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
  return dateFormat(locale, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** How long someone waits, short: "12 Min.", "3 Std.", "2 Tg." / "12 min", "3 hr", "2 days". */
export function formatWaiting(iso: string | null, now: Date, locale: string): string | null {
  if (!iso) return null;
  const ms = now.getTime() - Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const min = Math.max(0, Math.floor(ms / 60_000));
  const [value, unit] = min < 60 ? [Math.max(1, min), 'minute'] : min < 48 * 60 ? [Math.floor(min / 60), 'hour'] : [Math.floor(min / 1440), 'day'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}
