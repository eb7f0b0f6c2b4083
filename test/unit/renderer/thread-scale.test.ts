import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContactSummary, MessageView } from '@contract';
import type { Range } from '@tanstack/react-virtual';
import { atEnd } from '../../../renderer/src/features/conversation/end-range';
import { buildTimeline, Timeline } from '../../../renderer/src/features/conversation/timeline';
import { sortContacts, useContacts } from '../../../renderer/src/store/contacts';
import { mergeMessages, THREAD_WINDOW, useMessages } from '../../../renderer/src/store/messages';
import { messageView } from '../../helpers/message-view';

// Four messages an hour, so the history crosses days (and a daylight-saving change).
const message = (id: number, over: Partial<MessageView> = {}): MessageView =>
  messageView(id, { createdAt: new Date(Date.parse('2026-03-27T20:00:00Z') + id * 15 * 60_000).toISOString(), ...over });
const range = (from: number, to: number): MessageView[] => Array.from({ length: to - from }, (_, i) => message(from + i));
const ids = (list: readonly MessageView[]): number[] => list.map((m) => m.id);

describe('mergeMessages at scale', () => {
  it('new messages at the end, an older page in front and a changed status keep the order and the newest version', () => {
    const base = range(100, 200);
    expect(ids(mergeMessages(base, range(200, 205)))).toEqual(ids(range(100, 205)));
    expect(ids(mergeMessages(base, range(50, 100)))).toEqual(ids(range(50, 200)));
    const read = mergeMessages(base, [message(150, { status: 'read' })]);
    expect(read).toHaveLength(100);
    expect(read[50]).toMatchObject({ id: 150, status: 'read' });
    // The untouched ones are the same objects (memoized rows stay as they are).
    expect(read[49]).toBe(base[49]);
  });

  it('equals a sort by id after dedupe for any mix of pages and events', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 120 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 60 }),
        (current, incoming) => {
          const cur = [...current].sort((a, b) => a - b).map((id) => message(id));
          const inc = incoming.map((id) => message(id, { body: `new ${id}` }));
          const merged = mergeMessages(cur, inc);
          const expected = [...new Set([...current, ...incoming])].sort((a, b) => a - b);
          expect(ids(merged)).toEqual(expected);
          for (const m of merged) if (incoming.includes(m.id)) expect(m.body).toBe(`new ${m.id}`);
        },
      ),
    );
  });
});

describe('Timeline', () => {
  it('builds on the previous rows and always equals a full build', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('append', 'prepend', 'status', 'same'), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 30 }),
        (steps, size) => {
          const timeline = new Timeline();
          let first = 1000;
          let last = 1000 + size;
          let messages = range(first, last);
          expect(timeline.rows(messages, [], false)).toEqual(buildTimeline(messages, [], false));
          for (const step of steps) {
            if (step === 'append') messages = mergeMessages(messages, range(last, (last += size)));
            if (step === 'prepend') messages = mergeMessages(messages, range((first -= size), first + size));
            if (step === 'status') messages = mergeMessages(messages, [message(last - 1, { status: 'read' })]);
            expect(timeline.rows(messages, [], false)).toEqual(buildTimeline(messages, [], false));
          }
        },
      ),
    );
  });
});

describe('event messages are applied once per frame', () => {
  beforeEach(() => useMessages.setState({ byContact: {} }));

  it('a burst is one store update, in the order of arrival, and a direct write applies the queue first', async () => {
    useMessages.getState().mergePage(1, range(1, 51), { place: 'latest', pageSize: 50 });
    let updates = 0;
    const off = useMessages.subscribe(() => updates++);
    for (const m of range(51, 2051)) useMessages.getState().enqueue([m]);
    useMessages.getState().enqueue([message(60, { status: 'read' })]);
    expect(useMessages.getState().byContact[1]?.messages).toHaveLength(50);
    await new Promise((r) => setTimeout(r, 0));
    expect(updates).toBe(1);
    const thread = useMessages.getState().byContact[1]!;
    // The thread keeps a window of the newest THREAD_WINDOW at most; older ones are paged in again.
    expect(ids(thread.messages)).toEqual(ids(range(Math.max(1, 2051 - THREAD_WINDOW), 2051)));
    expect(thread.hasOlder).toBe(true);
    expect(thread.messages.find((m) => m.id === 60)?.status).toBe('read');
    // Queued status change, then the send answer: the answer (later) wins.
    useMessages.getState().enqueue([message(2050, { status: 'sent' })]);
    useMessages.getState().upsert(message(2050, { status: 'delivered' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(useMessages.getState().byContact[1]?.messages.at(-1)?.status).toBe('delivered');
    off();
  });
});

describe('contacts kept in order without sorting the list again', () => {
  const contact = (id: number, minute: number | null): ContactSummary => ({
    id,
    phone: `+4930123${String(id).padStart(4, '0')}`,
    name: null,
    pushName: null,
    consent: { service: 'granted', marketing: 'none', serviceSince: null, marketingSince: null },
    quarantined: 0,
    quarantinedSince: null,
    status: 'open',
    unread: 0,
    lastMessageAt: minute === null ? null : new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    lastMessagePreview: null,
    lastMessageType: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  it('any sequence of updates leaves the list as sortContacts would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.option(fc.integer({ min: 0, max: 50 }))), { maxLength: 60 }),
        (updates) => {
          useContacts.getState().setList([contact(1, 5), contact(2, 5), contact(3, null)], '');
          const latest = new Map([1, 2, 3].map((id) => [id, useContacts.getState().list.find((c) => c.id === id)!]));
          for (const [id, minute] of updates) {
            const c = contact(id, minute);
            latest.set(id, c);
            useContacts.getState().upsert(c);
          }
          expect(useContacts.getState().list).toEqual(sortContacts([...latest.values()]));
        },
      ),
    );
  });
});

describe('atEnd', () => {
  const r = (startIndex: number, endIndex: number, count: number): Range => ({ startIndex, endIndex, overscan: 6, count });

  it('moves the range to the end of the list, keeping its length', () => {
    expect(atEnd(r(0, 9, 100))).toMatchObject({ startIndex: 90, endIndex: 99, count: 100, overscan: 6 });
    expect(atEnd(r(40, 49, 100))).toMatchObject({ startIndex: 90, endIndex: 99 });
  });

  it('leaves a range that already ends at the end (or a list shorter than it) as it is', () => {
    expect(atEnd(r(90, 99, 100))).toMatchObject({ startIndex: 90, endIndex: 99 });
    expect(atEnd(r(0, 4, 5))).toMatchObject({ startIndex: 0, endIndex: 4 });
    expect(atEnd(r(0, 0, 1))).toMatchObject({ startIndex: 0, endIndex: 0 });
  });
});
