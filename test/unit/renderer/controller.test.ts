import { beforeEach, describe, expect, it } from 'vitest';
import type { ContactSummary, EventName, MessageView, MethodName } from '@contract';
import { ApiError } from '@contract/errors';
import { createClient } from '../../../renderer/src/api/client';
import type { ConnectionState, Transport } from '../../../renderer/src/api/client';
import { createController, OLDER_PAGE_SIZE, PAGE_SIZE } from '../../../renderer/src/app/controller';
import { useApp } from '../../../renderer/src/store/app';
import { useContacts } from '../../../renderer/src/store/contacts';
import { mergeMessages, THREAD_WINDOW, useMessages } from '../../../renderer/src/store/messages';
import { revealMessage } from '../../../renderer/src/features/conversation/reveal';
import { useSim } from '../../../renderer/src/store/sim';
import { messageView } from '../../helpers/message-view';

const contact = (id: number, over: Partial<ContactSummary> = {}): ContactSummary => ({
  id,
  phone: `+49301234${String(id).padStart(2, '0')}`,
  name: null,
  pushName: null,
  consent: { service: 'granted', marketing: 'none', serviceSince: null, marketingSince: null },
  quarantined: 0,
  quarantinedSince: null,
  status: 'open',
  unread: 0,
  lastMessageAt: `2025-03-14T10:${String(id).padStart(2, '0')}:00.000Z`,
  lastMessagePreview: null,
  lastMessageType: null,
  createdAt: '2025-03-01T00:00:00.000Z',
  ...over,
});

const message = (id: number, contactId: number, over: Partial<MessageView> = {}): MessageView =>
  messageView(id, { contactId, createdAt: '2025-03-14T10:00:00.000Z', ...over });

type Handler = (input: Record<string, unknown>) => unknown;

/** An in-memory transport answering from handlers, as the server would (envelopes). */
function fakeTransport(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: Array<[MethodName, unknown]> = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connListeners = new Set<(s: ConnectionState, r: boolean) => void>();
  const transport: Transport = {
    async request(method, input) {
      calls.push([method, input]);
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'unknown_method', message: method } };
      try {
        return { ok: true, value: await h(input as Record<string, unknown>) };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, error: err.toJSON() };
        throw err;
      }
    },
    subscribe(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
    onConnection(fn) {
      connListeners.add(fn);
      return () => connListeners.delete(fn);
    },
    connection: () => 'open',
  };
  return {
    transport,
    calls,
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((fn) => fn(payload)),
    connect: (s: ConnectionState, r: boolean) => connListeners.forEach((fn) => fn(s, r)),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const info = { version: '1', demo: true, locale: 'de', channel: { kind: 'simulator', state: 'connected' } };

beforeEach(() => {
  useContacts.setState({ list: [], search: '', selectedId: null, loaded: false });
  useMessages.setState({ byContact: {} });
  useApp.setState({ info: null, channel: null, connection: 'connecting', loadError: null });
  useSim.setState({ phones: [], active: null });
});

describe('controller', () => {
  it('start loads info, contacts (most recent first) and, in demo mode, the simulated phones', async () => {
    const f = fakeTransport({
      'app.info': () => info,
      'contacts.list': () => [contact(1), contact(3), contact(2)],
      'sim.customers': () => [{ phone: '+4917099887766', messages: [] }],
    });
    createController(createClient(f.transport)).start();
    await settle();
    expect(useApp.getState().info?.demo).toBe(true);
    expect(useApp.getState().channel?.state).toBe('connected');
    expect(useContacts.getState().list.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(useSim.getState().active).toBe('+4917099887766');
  });

  it('events update the stores: new and updated messages, contacts, channel state, sim phone', async () => {
    const f = fakeTransport({
      'app.info': () => ({ ...info, demo: false }),
      'contacts.list': () => [contact(1)],
      'messages.list': () => [message(10, 1), message(11, 1)],
      'conversations.markRead': () => ({ unread: 0 }),
    });
    const c = createController(createClient(f.transport));
    c.start();
    await settle();
    await c.openContact(1);
    f.emit('message.added', message(12, 1));
    f.emit('message.added', message(50, 2)); // a thread never opened stays unloaded
    f.emit('message.updated', message(11, 1, { body: 'edited' }));
    f.emit('contact.updated', contact(4, { lastMessageAt: '2026-01-01T00:00:00.000Z' }));
    f.emit('channel.state', { kind: 'simulator', state: 'disconnected' });
    f.emit('sim.phone', { phone: '+491', messages: [{ direction: 'in', text: 'x', at: 'a' }] });
    await settle();
    expect(useMessages.getState().byContact[1]?.messages.map((m) => [m.id, m.body])).toEqual([
      [10, 'm10'],
      [11, 'edited'],
      [12, 'm12'],
    ]);
    expect(useMessages.getState().byContact[2]).toBeUndefined();
    expect(useContacts.getState().list.map((x) => x.id)).toEqual([4, 1]);
    expect(useApp.getState().channel?.state).toBe('disconnected');
    expect(useSim.getState().phones).toHaveLength(1);
    f.emit('sim.phone.message', { phone: '+491', message: { direction: 'out', text: 'y', at: 'b' } });
    expect(useSim.getState().phones[0]!.messages.map((m) => m.text)).toEqual(['x', 'y']);
    // The open conversation's new inbound message is marked read.
    expect(f.calls.filter(([m]) => m === 'conversations.markRead')).toHaveLength(1);
  });

  it('loads older pages with beforeId and stops at the beginning', async () => {
    const all = Array.from({ length: PAGE_SIZE + 10 }, (_, i) => message(i + 1, 1));
    const f = fakeTransport({
      'messages.list': (input) => {
        const before = input.beforeId as number | undefined;
        const older = before === undefined ? all : all.filter((m) => m.id < before);
        return older.slice(-(input.limit as number));
      },
    });
    const c = createController(createClient(f.transport));
    await c.openContact(1);
    expect(useMessages.getState().byContact[1]?.messages).toHaveLength(PAGE_SIZE);
    expect(useMessages.getState().byContact[1]?.hasOlder).toBe(true);
    await c.loadOlder(1);
    const thread = useMessages.getState().byContact[1];
    expect(thread?.messages.map((m) => m.id)).toEqual(all.map((m) => m.id));
    expect(thread?.hasOlder).toBe(false);
    expect(f.calls.filter(([m]) => m === 'messages.list')[1]?.[1]).toEqual({ contactId: 1, beforeId: 11, limit: OLDER_PAGE_SIZE });
    await c.loadOlder(1);
    expect(f.calls.filter(([m]) => m === 'messages.list')).toHaveLength(2);
  });

  it('pages back past the window, forward again, and a send while paged back shows the newest with the sent message', async () => {
    let all = Array.from({ length: THREAD_WINDOW + 1_000 }, (_, i) => message(i + 1, 1));
    const f = fakeTransport({
      'messages.list': (input) => {
        const limit = input.limit as number;
        if (input.afterId !== undefined) return all.filter((m) => m.id > (input.afterId as number)).slice(0, limit);
        const older = input.beforeId === undefined ? all : all.filter((m) => m.id < (input.beforeId as number));
        return older.slice(-limit);
      },
      'messages.send': (input) => {
        const sent = message(all.length + 1, 1, { direction: 'out', author: 'staff', body: input.text as string, status: 'queued' });
        all = all.concat(sent);
        return sent;
      },
    });
    const c = createController(createClient(f.transport));
    const thread = () => useMessages.getState().byContact[1]!;
    await c.openContact(1);
    while (thread().hasOlder) await c.loadOlder(1);
    expect(thread().messages).toHaveLength(THREAD_WINDOW);
    expect(thread()).toMatchObject({ hasOlder: false, hasNewer: true });
    expect(thread().messages[0]!.id).toBe(1);
    await c.loadNewer(1);
    expect(f.calls.at(-1)).toEqual(['messages.list', { contactId: 1, afterId: THREAD_WINDOW, limit: OLDER_PAGE_SIZE }]);
    expect(thread().messages.map((m) => m.id)).toEqual(all.slice(OLDER_PAGE_SIZE, OLDER_PAGE_SIZE + THREAD_WINDOW).map((m) => m.id));
    expect(thread()).toMatchObject({ hasOlder: true, hasNewer: true, loadingNewer: false });
    // Staff answers from far back: the thread jumps to the newest, the sent message last.
    await c.send(1, 'Ihr Gerät ist fertig.');
    expect(thread().hasNewer).toBe(false);
    expect(thread().messages.at(-1)).toMatchObject({ id: THREAD_WINDOW + 1_001, body: 'Ihr Gerät ist fertig.' });
    expect(thread().messages.map((m) => m.id)).toEqual(all.slice(-thread().messages.length).map((m) => m.id));
  });

  it('reveals a message far outside the window in two calls around it, and not one that is held back', async () => {
    const all = Array.from({ length: 100_000 }, (_, i) => message(i + 1, 1)).filter((m) => m.id !== 777);
    const f = fakeTransport({
      'messages.list': (input) => {
        const limit = input.limit as number;
        if (input.afterId !== undefined) {
          const from = all.findIndex((m) => m.id > (input.afterId as number));
          return all.slice(from, from + limit);
        }
        const before = (input.beforeId as number | undefined) ?? Infinity;
        let end = all.length;
        while (end > 0 && all[end - 1]!.id >= before) end--;
        return all.slice(Math.max(0, end - limit), end);
      },
    });
    const client = createClient(f.transport);
    const c = createController(client);
    await c.openContact(1);
    expect(await revealMessage(client, 1, 1_234)).toBe(true);
    const thread = useMessages.getState().byContact[1]!;
    expect(f.calls.filter(([m]) => m === 'messages.list')).toHaveLength(3);
    expect(thread.messages.some((m) => m.id === 1_234)).toBe(true);
    expect(thread.messages.map((m) => m.id)).toEqual(all.slice(983, 1_483).map((m) => m.id));
    expect(thread).toMatchObject({ hasOlder: true, hasNewer: true });
    // Held back (not in what staff may see): the window stays.
    expect(await revealMessage(client, 1, 777)).toBe(false);
    expect(useMessages.getState().byContact[1]!.messages).toBe(thread.messages);
    // Already in the window: no call.
    const before = f.calls.length;
    expect(await revealMessage(client, 1, 1_300)).toBe(true);
    expect(f.calls).toHaveLength(before);
  });

  it('prefetch fetches the newest page of a chat without opening it or marking it read; opening it shows that page and asks again once it is drawn, and the same page asked again keeps the thread', async () => {
    let page = [message(10, 1), message(11, 1)];
    const f = fakeTransport({
      'app.info': () => ({ ...info, demo: false }),
      'contacts.list': () => [contact(1, { unread: 2 })],
      'messages.list': () => page,
      'conversations.markRead': () => ({ unread: 0 }),
    });
    const c = createController(createClient(f.transport));
    c.start();
    await settle();
    const asked = () => f.calls.map(([m]) => m).filter((m) => m === 'messages.list' || m === 'conversations.markRead');
    await c.prefetch(1);
    expect(useMessages.getState().byContact[1]?.messages.map((m) => m.id)).toEqual([10, 11]);
    expect(useContacts.getState().selectedId).toBeNull();
    expect(asked()).toEqual(['messages.list']);
    // Already loaded: nothing is asked again.
    await c.prefetch(1);
    expect(asked()).toEqual(['messages.list']);

    // Events keep it current like any opened chat.
    f.emit('message.added', message(12, 1));
    useMessages.getState().flush();
    const warm = useMessages.getState().byContact[1]!;
    expect(warm.messages.map((m) => m.id)).toEqual([10, 11, 12]);

    // Opening draws it from the store and asks for nothing while it is being drawn.
    page = [message(10, 1), message(11, 1), message(12, 1)];
    await c.openContact(1);
    expect(useContacts.getState().selectedId).toBe(1);
    expect(useMessages.getState().byContact[1]).toBe(warm);
    expect(asked()).toEqual(['messages.list']);
    // Once its messages are on screen (the history says so) it asks for the newest page anyway and is read;
    // with nothing new in the page the thread stays the same object (nothing is drawn again).
    await c.markShown(1);
    expect(asked()).toEqual(['messages.list', 'messages.list', 'conversations.markRead']);
    expect(useMessages.getState().byContact[1]).toBe(warm);
    // Shown again without being opened again (a second call): the page is not asked for again.
    await c.markShown(1);
    expect(asked().filter((m) => m === 'messages.list')).toHaveLength(2);

    // A changed message in the page replaces its version; the others stay the same objects.
    page = [message(10, 1), message(11, 1, { status: 'read' }), message(12, 1)];
    await c.openContact(1);
    await c.markShown(1);
    const after = useMessages.getState().byContact[1]!;
    expect(after).not.toBe(warm);
    expect(after.messages[1]?.status).toBe('read');
    expect(after.messages[0]).toBe(warm.messages[0]);
    expect(after.messages[2]).toBe(warm.messages[2]);
  });

  it('markShown marks the open chat read when the customer wrote something unread, and only then', async () => {
    let unread = 2;
    const f = fakeTransport({
      'app.info': () => ({ ...info, demo: false }),
      'contacts.list': () => [contact(1, { unread }), contact(2, { unread: 1 })],
      'messages.list': () => [message(10, 1)],
      'conversations.markRead': () => ({ unread: 0 }),
    });
    const c = createController(createClient(f.transport));
    c.start();
    await settle();
    const reads = () => f.calls.filter(([m]) => m === 'conversations.markRead').map(([, input]) => input);
    await c.openContact(1);
    expect(reads()).toEqual([]);
    // Another chat's history reporting late (staff moved on): not the open chat, not marked.
    await c.markShown(2);
    expect(reads()).toEqual([]);
    await c.markShown(1);
    expect(reads()).toEqual([{ contactId: 1 }]);
    // Nothing unread: nothing to mark.
    unread = 0;
    await c.searchContacts('');
    await c.markShown(1);
    expect(reads()).toEqual([{ contactId: 1 }]);
  });

  it('opening a chat the store holds paged back, or does not hold, asks for its newest page at once', async () => {
    const f = fakeTransport({ 'messages.list': (input) => [message(100, input.contactId as number), message(101, input.contactId as number)] });
    const c = createController(createClient(f.transport));
    const listed = () => f.calls.filter(([m]) => m === 'messages.list').map(([, input]) => input);
    // Paged back: the window stops short of the newest message.
    useMessages.getState().replaceWindow(1, [message(10, 1), message(11, 1)], { hasOlder: true, hasNewer: true });
    await c.openContact(1);
    expect(listed()).toEqual([{ contactId: 1, limit: PAGE_SIZE }]);
    expect(useMessages.getState().byContact[1]?.messages.map((m) => m.id)).toEqual([100, 101]);
    // Not held at all.
    await c.openContact(2);
    expect(listed()).toEqual([
      { contactId: 1, limit: PAGE_SIZE },
      { contactId: 2, limit: PAGE_SIZE },
    ]);
    expect(useMessages.getState().byContact[2]?.messages.map((m) => m.id)).toEqual([100, 101]);
    // Both drawn: neither asks again.
    await c.markShown(2);
    expect(listed()).toHaveLength(2);
  });

  it('prefetch throws a failed fetch to its caller and shows no load error', async () => {
    const f = fakeTransport({});
    const c = createController(createClient(f.transport));
    await expect(c.prefetch(1)).rejects.toMatchObject({ code: 'unknown_method' });
    expect(useApp.getState().loadError).toBeNull();
    expect(useMessages.getState().byContact[1]).toBeUndefined();
  });

  it('a slow answer to an older search does not overwrite a newer one', async () => {
    let release: (() => void) | null = null;
    const f = fakeTransport({
      'contacts.list': async (input) => {
        if (input.search === 'a') await new Promise<void>((r) => (release = r));
        return input.search === 'a' ? [contact(1)] : [contact(2)];
      },
    });
    const c = createController(createClient(f.transport));
    const first = c.searchContacts('a');
    await settle();
    await c.searchContacts('ab');
    release!();
    await first;
    expect(useContacts.getState().list.map((x) => x.id)).toEqual([2]);
    expect(useContacts.getState().search).toBe('ab');
  });

  it('send passes the consent refusal through as an ApiError and stores nothing', async () => {
    const f = fakeTransport({
      'messages.list': () => [],
      'messages.send': () => {
        throw new ApiError('consent_required', 'no consent', { reason: 'no_consent' });
      },
    });
    const c = createController(createClient(f.transport));
    await c.openContact(1);
    await expect(c.send(1, 'Hallo')).rejects.toMatchObject({ code: 'consent_required', reason: 'no_consent' });
    expect(useMessages.getState().byContact[1]?.messages).toEqual([]);
  });

  it('sends each composed message with one idempotency key: a retry of the same draft reuses it, the next draft gets a new one', async () => {
    let fail = true;
    const f = fakeTransport({
      'messages.list': () => [],
      'messages.send': (input) => {
        if (fail) throw new ApiError('unavailable', 'try again');
        return message(70, 1, { direction: 'out', body: String(input.text) });
      },
    });
    const c = createController(createClient(f.transport));
    await c.openContact(1);
    await expect(c.send(1, 'Hallo')).rejects.toMatchObject({ code: 'unavailable' });
    fail = false;
    await c.send(1, 'Hallo');
    await c.send(1, 'Hallo');
    const keys = f.calls.filter(([m]) => m === 'messages.send').map(([, input]) => (input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('after a reconnect everything is fetched again, including the open conversation', async () => {
    let round = 0;
    const f = fakeTransport({
      'app.info': () => ({ ...info, demo: false }),
      'contacts.list': () => [contact(1)],
      'messages.list': () => (round === 0 ? [message(1, 1)] : [message(1, 1), message(2, 1)]),
      'conversations.markRead': () => ({ unread: 0 }),
    });
    const c = createController(createClient(f.transport));
    c.start();
    await settle();
    await c.openContact(1);
    round = 1;
    f.connect('reconnecting', false);
    expect(useApp.getState().connection).toBe('reconnecting');
    f.connect('open', true);
    await settle();
    await settle();
    expect(useApp.getState().connection).toBe('open');
    expect(useMessages.getState().byContact[1]?.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(f.calls.filter(([m]) => m === 'app.info')).toHaveLength(2);
  });

  it('a failed initial load is shown, and cleared by the next success', async () => {
    let fail = true;
    const f = fakeTransport({
      'app.info': () => {
        if (fail) throw new ApiError('internal', 'database locked');
        return info;
      },
      'contacts.list': () => [],
      'sim.customers': () => [],
    });
    const c = createController(createClient(f.transport));
    c.start();
    await settle();
    expect(useApp.getState().loadError?.code).toBe('internal');
    fail = false;
    f.connect('open', true);
    await settle();
    await settle();
    expect(useApp.getState().loadError).toBeNull();
  });
});

describe('stores', () => {
  it('mergeMessages dedupes by id, keeps the newest version and orders by id', () => {
    const merged = mergeMessages([message(3, 1), message(1, 1)], [message(2, 1), message(3, 1, { status: 'read' })]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(merged[2]?.status).toBe('read');
  });

  it('mergeMessages returns the same list when the incoming messages are the versions it holds', () => {
    const current = [message(1, 1), message(2, 1)];
    expect(mergeMessages(current, [message(2, 1), message(1, 1)])).toBe(current);
    const changed = mergeMessages(current, [message(2, 1, { body: 'edited' })]);
    expect(changed).not.toBe(current);
    expect(changed.map((m) => m.body)).toEqual(['m1', 'edited']);
    expect(changed[0]).toBe(current[0]);
  });

  it('a contact event during a search updates matches but does not add non-matches', () => {
    useContacts.getState().setList([contact(1)], 'weber');
    useContacts.getState().upsert(contact(2));
    useContacts.getState().upsert(contact(1, { unread: 3 }));
    expect(useContacts.getState().list.map((c) => [c.id, c.unread])).toEqual([[1, 3]]);
    useContacts.getState().setList([contact(1)], '');
    useContacts.getState().upsert(contact(2));
    expect(useContacts.getState().list.map((c) => c.id)).toEqual([2, 1]);
  });
});
