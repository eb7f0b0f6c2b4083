import { describe, expect, it } from 'vitest';
import type { ContactSummary, MessageView } from '@contract';
import { notificationText, shouldNotify } from '../../../main/shell/notify';
import { messageView } from '../../helpers/message-view';

const message = (over: Partial<MessageView> = {}): MessageView =>
  messageView(1, { contactId: 7, body: 'Ist mein Fahrrad fertig?', createdAt: '2025-01-01T10:00:00.000Z', ...over });

const contact = (over: Partial<ContactSummary> = {}): ContactSummary => ({
  id: 7,
  phone: '+4915112345678',
  name: null,
  pushName: null,
  consent: { service: 'granted', marketing: 'none', serviceSince: null, marketingSince: null },
  quarantined: 0,
  quarantinedSince: null,
  status: 'open',
  unread: 1,
  lastMessageAt: null,
  lastMessagePreview: null,
  lastMessageType: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  ...over,
});

describe('desktop notification', () => {
  it('is shown only for inbound messages while the window is not focused', () => {
    expect(shouldNotify(message(), false)).toBe(true);
    expect(shouldNotify(message(), true)).toBe(false);
    expect(shouldNotify(message({ direction: 'out', author: 'staff' }), false)).toBe(false);
  });

  it('names the contact and previews the text when service consent is granted', () => {
    expect(notificationText(message(), contact({ name: 'Anna Berg', pushName: 'Anni' }), 'de-DE')).toEqual({
      title: 'Neue Nachricht von Anna Berg',
      body: 'Ist mein Fahrrad fertig?',
    });
    expect(notificationText(message(), contact({ pushName: 'Anni' }), 'en-US').title).toBe('New message from Anni');
    expect(notificationText(message(), contact(), 'en').title).toBe('New message from +4915112345678');
  });

  it('shows no preview for someone without service consent', () => {
    for (const service of ['none', 'requested', 'revoked', 'expired'] as const) {
      const c = contact({ consent: { service, marketing: 'granted', serviceSince: null, marketingSince: null } });
      expect(notificationText(message(), c, 'de')).toEqual({ title: 'Neue Nachricht von +4915112345678', body: 'Wartet auf Einwilligung' });
    }
    expect(notificationText(message(), undefined, 'en')).toEqual({ title: 'New message from Unknown contact', body: 'Waiting for consent' });
  });

  it('shortens long text and labels media without caption', () => {
    const long = notificationText(message({ body: `${'a '.repeat(100)}\n\nend` }), contact(), 'en').body;
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
    expect(notificationText(message({ type: 'image', body: '' }), contact(), 'de').body).toBe('Medien');
  });
});
