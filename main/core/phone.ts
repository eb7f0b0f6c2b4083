import { phoneFromDigits } from '../contract/phone';

/** The phone rule itself lives in the contract, shared with the renderer; this adds the messenger-id helpers. */
export { formatInternational, InvalidPhoneError, phoneFromDigits, toE164 } from '../contract/phone';

/** The messenger's id for a phone number, used when no other id is known yet. */
export const defaultChatId = (e164: string): string => `${e164.replace(/^\+/, '')}@c.us`;

/** E.164 from a phone-based messenger id ('4915…@c.us'); undefined for @lid, groups and others. */
export function phoneFromChatId(chatId: string | undefined): string | undefined {
  const m = /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/.exec(chatId ?? '');
  return m ? phoneFromDigits(m[1]) : undefined;
}
