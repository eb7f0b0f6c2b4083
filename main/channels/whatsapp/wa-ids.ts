import { phoneFromDigits } from '../../core/phone';

/**
 * WhatsApp's id forms, known only inside this adapter: a phone's chat
 * ('4915…@c.us', older 's.whatsapp.net'), an anonymous id ('…@lid'),
 * groups ('@g.us') and the status feed ('status@broadcast').
 */

/** WhatsApp's id for a phone number (E.164 or digits), used when no other id is known yet. */
export const defaultChatId = (phone: string): string => `${phone.replace(/^\+/, '')}@c.us`;

/** E.164 from a phone-based WhatsApp id ('4915…@c.us'); undefined for @lid, groups and others. */
export function phoneFromChatId(chatId: string | undefined): string | undefined {
  const m = /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/.exec(chatId ?? '');
  return m ? phoneFromDigits(m[1]) : undefined;
}

export const isPhoneChatId = (chatId: string): boolean => chatId.endsWith('@c.us');
export const isLidChatId = (chatId: string): boolean => chatId.endsWith('@lid');

/** A chat id Tresen can send to: a phone's chat or an anonymous (@lid) one. */
export const isSendableChatId = (chatId: string): boolean => /^[\w.-]+@(c\.us|lid)$/.test(chatId);
