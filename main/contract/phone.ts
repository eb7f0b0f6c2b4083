import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The one phone rule, for main and renderer alike (libphonenumber-js is
 * isomorphic). Import it as '@contract/phone' in the renderer; main/core/phone
 * re-exports it next to the messenger-id helpers.
 */

export class InvalidPhoneError extends Error {
  override name = 'InvalidPhoneError';
}

/**
 * Normalises what a person typed or a messenger reported to E.164.
 * "+49 151 …", "0049151…", "49151…" (E.164 without '+', as in URLs and
 * messenger ids) and national "0151 …" (in the shop's region) all work.
 */
export function toE164(input: string, defaultRegion: CountryCode = 'DE'): string {
  const key = `${defaultRegion} ${input}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const e164 = parseE164(input, defaultRegion);
  // Bounded: emptied when full, which costs one parse per number again.
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, e164);
  return e164;
}

/**
 * Numbers parsed lately: the same few senders write again and again, and a
 * parse (libphonenumber's metadata walk) cost about 0.1 ms, a tenth of a
 * live message's whole intake in a burst. Only valid numbers are kept.
 */
const recent = new Map<string, string>();
const RECENT_MAX = 2_000;

function parseE164(input: string, defaultRegion: CountryCode): string {
  const raw = input.trim();
  if (!/^[+\d\s()./-]+$/.test(raw)) throw new InvalidPhoneError(`"${input}" is not a phone number`);
  const digits = raw.replace(/[^\d]/g, '');
  let parsed;
  if (raw.startsWith('+')) parsed = parsePhoneNumberFromString(`+${digits}`);
  else if (digits.startsWith('00')) parsed = parsePhoneNumberFromString(`+${digits.slice(2)}`);
  else if (digits.startsWith('0')) parsed = parsePhoneNumberFromString(digits, defaultRegion);
  else parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed || !parsed.isValid()) throw new InvalidPhoneError(`"${input}" is not a valid phone number`);
  return parsed.number;
}

/** toE164, or null when the input is no valid number. */
export function tryE164(input: string, defaultRegion: CountryCode = 'DE'): string | null {
  try {
    return toE164(input, defaultRegion);
  } catch (err) {
    if (err instanceof InvalidPhoneError) return null;
    throw err;
  }
}

/** E.164 from digits as a messenger or a link carries them ('4915…' or '+4915…'); undefined when not a valid number. */
export function phoneFromDigits(digits: unknown): string | undefined {
  if (typeof digits !== 'string') return undefined;
  const m = /^\+?(\d{6,15})$/.exec(digits);
  return (m && tryE164(`+${m[1]}`)) ?? undefined;
}

/** E.164 as people read it ("+49 30 1234567"); unchanged if it cannot be parsed. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** Whether a number as typed ("0151 123…", "+49 151 …", "0049 …") means a stored number. */
export function samePhone(typed: string, stored: string): boolean {
  const a = typed.replace(/\D/g, '');
  const b = stored.replace(/\D/g, '');
  if (!a || !b) return false;
  if (a === b) return true;
  const e164 = tryE164(typed);
  return e164 !== null && e164 === (tryE164(stored) ?? stored);
}

/**
 * Digits with country code, as WhatsApp's pairing expects ("4915…"); null
 * when the input is no valid number or lacks the country code (national "0151 …").
 */
export function internationalDigits(input: string): string | null {
  const trimmed = input.trim();
  if (/^0(?!0)/.test(trimmed)) return null;
  return tryE164(trimmed)?.slice(1) ?? null;
}

/** The number a wa.me link opens a chat with, in E.164; null for any other link. */
export function phoneFromWaLink(link: string): string | null {
  const m = /wa\.me\/(\d{6,15})/.exec(link);
  return m ? (phoneFromDigits(m[1]) ?? null) : null;
}
