import { describe, expect, it } from 'vitest';
import { defaultChatId, isSendableChatId, phoneFromChatId } from '../../../../main/channels/whatsapp/wa-ids';

describe('WhatsApp ids', () => {
  it('round-trips a phone id and ignores @lid and groups', () => {
    expect(defaultChatId('+4915112345678')).toBe('4915112345678@c.us');
    expect(defaultChatId('4915112345678')).toBe('4915112345678@c.us');
    expect(phoneFromChatId('4915112345678@c.us')).toBe('+4915112345678');
    expect(phoneFromChatId('123456789012345@lid')).toBeUndefined();
    expect(phoneFromChatId('4915112345678-1600000000@g.us')).toBeUndefined();
    expect(phoneFromChatId('491701234567@s.whatsapp.net')).toBe('+491701234567');
    expect(phoneFromChatId('abc@c.us')).toBeUndefined();
    expect(phoneFromChatId(undefined)).toBeUndefined();
  });

  it('sends only to phone and @lid chats', () => {
    expect(isSendableChatId('4915112345678@c.us')).toBe(true);
    expect(isSendableChatId('123456789012345@lid')).toBe(true);
    expect(isSendableChatId('4915112345678-1600000000@g.us')).toBe(false);
    expect(isSendableChatId('status@broadcast')).toBe(false);
    expect(isSendableChatId('')).toBe(false);
  });
});
