import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { Channel, ChannelEvents, ChannelState, OutboundAddress, ReadStateCapability } from '../../../main/core/channel';
import { ChannelOfflineError } from '../../../main/core/channel';
import { silentLogger, useTempDirs } from '../../helpers/temp-dir';

/**
 * Read state between Tresen and the linked phone, through the Channel's
 * optional read-state part, on a real app (SQLite in a temp folder): staff
 * reading a conversation marks the person's chats seen on the messenger; a
 * chat read on the phone marks the conversation read in Tresen.
 */

const tempDir = useTempDirs();
const open: CreatedApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

const CHAT = '4915112345678@c.us';
const PHONE = '+4915112345678';

function line(readState?: ReadStateCapability) {
  let state: ChannelState = { state: 'starting' };
  const ref: { h: Partial<ChannelEvents> } = { h: {} };
  const channel: Channel = {
    kind: 'whatsapp',
    async start() {
      state = { state: 'connected' };
      ref.h.state?.(state);
    },
    async stop() {
      state = { state: 'disconnected', reason: 'stopped' };
    },
    state: () => state,
    send: async (m) => ({ externalId: `true_${CHAT}_${m.idempotencyKey}` }),
    setHandlers(h) {
      ref.h = { ...ref.h, ...h };
    },
    ...(readState ? { readState } : {}),
  };
  let n = 0;
  const receive = (body: string, chatId = CHAT) => ref.h.message!({ externalId: `false_${chatId}_M${++n}`, from: { chatId, phone: PHONE }, type: 'text', body, sentAt: Date.now() });
  return { channel, receive, handlers: () => ref.h };
}

async function start(channel: Channel): Promise<CreatedApp> {
  const app = await createApp({ dataDir: tempDir(), demo: false, logger: silentLogger, channel });
  open.push(app);
  return app;
}

/** A customer who opted in and wrote once more: the conversation has unread messages. */
async function customerWithUnread(app: CreatedApp, l: ReturnType<typeof line>): Promise<number> {
  await l.receive('Hallo, ist mein Rad fertig?');
  await l.receive('JA');
  await l.receive('Und wann kann ich es holen?');
  const contact = app.context.store.contacts.byPhone(PHONE)!;
  expect(app.context.store.contacts.listRow(contact.id)!.unread).toBeGreaterThan(0);
  return contact.id;
}

describe('read state with the messenger', () => {
  it('staff reading a conversation marks the chats the person wrote from seen on the messenger', async () => {
    const asked: OutboundAddress[] = [];
    const l = line({
      markSeen: async (to) => {
        asked.push(to);
        return true;
      },
    });
    const app = await start(l.channel);
    const contactId = await customerWithUnread(app, l);
    expect(await app.dispatch('conversations.markRead', { contactId })).toEqual({ ok: true, value: { unread: 0 } });
    expect(app.context.store.contacts.listRow(contactId)!.unread).toBe(0);
    expect(asked).toEqual([{ phone: PHONE, knownChatIds: [CHAT] }]);
  });

  it('a line that is offline does not fail the read in Tresen', async () => {
    const l = line({
      markSeen: async () => {
        throw new ChannelOfflineError('WhatsApp is not connected (disconnected)');
      },
    });
    const app = await start(l.channel);
    const contactId = await customerWithUnread(app, l);
    expect(await app.dispatch('conversations.markRead', { contactId })).toEqual({ ok: true, value: { unread: 0 } });
    expect(app.context.store.contacts.listRow(contactId)!.unread).toBe(0);
  });

  it('a chat read on the phone is read in Tresen, found by its chat id or, for another id form, by the phone number', async () => {
    const l = line({ markSeen: async () => true });
    const app = await start(l.channel);
    const contactId = await customerWithUnread(app, l);
    const changed: unknown[] = [];
    app.context.bus.subscribe((event, payload) => {
      if (event === 'conversation.changed') changed.push(payload);
    });
    await l.handlers().readElsewhere!({ chatId: CHAT });
    expect(app.context.store.contacts.listRow(contactId)!.unread).toBe(0);
    expect(changed).toHaveLength(1);

    await l.receive('Noch eine Frage');
    expect(app.context.store.contacts.listRow(contactId)!.unread).toBe(1);
    await l.handlers().readElsewhere!({ chatId: '99887766@lid', phone: PHONE });
    expect(app.context.store.contacts.listRow(contactId)!.unread).toBe(0);

    // Someone Tresen does not know, and a chat already read: nothing changes, nothing is announced.
    const before = changed.length;
    await l.handlers().readElsewhere!({ chatId: '4917000000009@c.us', phone: '+4917000000009' });
    await l.handlers().readElsewhere!({ chatId: CHAT });
    expect(changed).toHaveLength(before);
  });

  it('a line without the read-state part still marks read in Tresen', async () => {
    const l = line();
    const app = await start(l.channel);
    const contactId = await customerWithUnread(app, l);
    expect(await app.dispatch('conversations.markRead', { contactId })).toEqual({ ok: true, value: { unread: 0 } });
    expect(await app.dispatch('conversations.markRead', { contactId: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
