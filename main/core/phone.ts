import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export class InvalidPhoneError extends Error {
  override name = 'InvalidPhoneError';
}

/**
 * Normalises what a person typed or a messenger reported to E.164.
 * "+49 151 …", "0049151…", "49151…" (E.164 without '+', as in URLs and
 * messenger ids) and national "0151 …" (in the shop's region) all work.
 */
export function toE164(input: string, defaultRegion: CountryCode = 'DE'): string {
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

/** The messenger's id for a phone number, used when no other id is known yet. */
export const defaultChatId = (e164: string): string => `${e164.replace(/^\+/, '')}@c.us`;

/** E.164 from digits as a messenger reports them ('4915…' or '+4915…'); undefined when not a valid number. */
export function phoneFromDigits(digits: unknown): string | undefined {
  if (typeof digits !== 'string') return undefined;
  const m = /^\+?(\d{6,15})$/.exec(digits);
  if (!m) return undefined;
  try {
    return toE164(`+${m[1]}`);
  } catch {
    return undefined;
  }
}

/** E.164 from a phone-based messenger id ('4915…@c.us'); undefined for @lid, groups and others. */
export function phoneFromChatId(chatId: string | undefined): string | undefined {
  const m = /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/.exec(chatId ?? '');
  return m ? phoneFromDigits(m[1]) : undefined;
}

/** E.164 as people read it on a poster ("+49 30 1234567"); unchanged if it cannot be parsed. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
