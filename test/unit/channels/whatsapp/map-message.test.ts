import wwebjs from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { classify, ignoredChat, mapAck, quotedIdFromRaw } from '../../../../main/channels/whatsapp/map-message';
import { FakeWhatsApp, raw } from '../../../fakes/whatsapp-client';

describe('mapping whatsapp-web.js messages', () => {
  const client = new FakeWhatsApp().factory() as unknown as { msg: (r: Record<string, unknown>) => never };

  it('classifies every MessageTypes value without throwing', () => {
    for (const type of Object.values(wwebjs.MessageTypes) as string[]) {
      const extra = type === 'multi_vcard' ? { vcardList: [] } : {};
      const c = classify(client.msg(raw({ id: type, chat: '491701234567@c.us', type, t: 1, extra })));
      expect(['ignore', 'hold', 'deliver']).toContain(c.kind);
    }
  });

  it('maps the media and text types', () => {
    const typeOf = (type: string) => {
      const c = classify(client.msg(raw({ id: 'x', chat: '491701234567@c.us', type, t: 1, extra: { vcardList: [] } })));
      return c.kind === 'deliver' ? c.type : c.kind;
    };
    expect(typeOf('chat')).toBe('text');
    expect(typeOf('image')).toBe('image');
    expect(typeOf('video')).toBe('video');
    expect(typeOf('audio')).toBe('audio');
    expect(typeOf('ptt')).toBe('voice');
    expect(typeOf('document')).toBe('document');
    expect(typeOf('sticker')).toBe('sticker');
    expect(typeOf('location')).toBe('location');
    expect(typeOf('vcard')).toBe('contact_card');
    expect(typeOf('multi_vcard')).toBe('contact_card');
    expect(typeOf('revoked')).toBe('system');
    expect(typeOf('e2e_notification')).toBe('ignore');
    expect(typeOf('protocol')).toBe('ignore');
    expect(typeOf('ciphertext')).toBe('hold');
    expect(typeOf('order')).toBe('unknown');
  });

  it('keeps groups, status, broadcasts and channels out', () => {
    expect(ignoredChat('120363@g.us')).toBe('group');
    expect(ignoredChat('status@broadcast')).toBe('status');
    expect(ignoredChat('1234@broadcast')).toBe('broadcast list');
    expect(ignoredChat('1234@newsletter')).toBe('channel');
    expect(ignoredChat('491701234567@c.us')).toBeUndefined();
    expect(ignoredChat('99887766@lid')).toBeUndefined();
  });

  it('maps MessageAck values', () => {
    const A = wwebjs.MessageAck;
    expect([A.ACK_ERROR, A.ACK_PENDING, A.ACK_SERVER, A.ACK_DEVICE, A.ACK_READ, A.ACK_PLAYED].map(mapAck)).toEqual([
      'failed',
      'pending',
      'sent',
      'delivered',
      'read',
      'read',
    ]);
    expect(mapAck(7)).toBeUndefined();
  });

  it('derives a quoted message id from the stanza id and the quoted sender when the library cannot look it up', () => {
    const chat = '4915112345678@c.us';
    const shop = { _serialized: '4930123456@c.us' };
    // A customer quotes the shop's message, or their own.
    expect(quotedIdFromRaw({ quotedStanzaID: '3EB0AA', quotedParticipant: shop, to: shop }, false, chat)).toBe(`true_${chat}_3EB0AA`);
    expect(quotedIdFromRaw({ quotedStanzaID: 'ABC1', quotedParticipant: chat, to: shop }, false, chat)).toBe(`false_${chat}_ABC1`);
    // Typed on the shop's phone, quoting the customer.
    expect(quotedIdFromRaw({ quotedStanzaID: 'ABC2', quotedParticipant: { _serialized: chat }, from: shop }, true, chat)).toBe(`false_${chat}_ABC2`);
    // No quote, or nothing usable.
    expect(quotedIdFromRaw({}, false, chat)).toBeUndefined();
    expect(quotedIdFromRaw(undefined, false, chat)).toBeUndefined();
    expect(quotedIdFromRaw({ quotedStanzaID: 42 }, false, chat)).toBeUndefined();
  });
});
