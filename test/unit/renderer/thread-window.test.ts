import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '@contract';
import { inWindow, THREAD_WINDOW, useMessages, withPage, type Thread } from '../../../renderer/src/store/messages';
import { messageView } from '../../helpers/message-view';

const ids = (list: readonly MessageView[]): number[] => list.map((m) => m.id);
const empty = (): Thread => ({ messages: [], hasOlder: true, hasNewer: false, loadingOlder: false, loadingNewer: false });
const PAGE = 500;

/** What messages.list answers on a conversation holding `all` (ordered by id). */
const server = (all: readonly MessageView[]) => ({
  latest: (limit: number) => all.slice(-limit),
  before: (id: number, limit: number) => {
    const older = all.filter((m) => m.id < id);
    return older.slice(Math.max(0, older.length - limit));
  },
  after: (id: number, limit: number) => all.filter((m) => m.id > id).slice(0, limit),
});

describe('a thread holds a window of the history', () => {
  it('paging back past THREAD_WINDOW lets the newest go, paging forward lets the oldest go, and the newest page starts anew', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => messageView(i + 1));
    const api = server(all);
    let t = withPage(empty(), api.latest(50), 'latest', 50);
    expect(t).toMatchObject({ hasOlder: true, hasNewer: false });
    let fetched = 50;
    // Past the window, and two pages further (so a whole page waits after it).
    while (fetched <= THREAD_WINDOW + 2 * PAGE) {
      t = withPage(t, api.before(t.messages[0]!.id, PAGE), 'older', PAGE);
      fetched += PAGE;
    }
    // The window keeps the oldest THREAD_WINDOW of what was fetched.
    const start = all.length - fetched;
    expect(t.messages).toHaveLength(THREAD_WINDOW);
    expect(ids(t.messages)).toEqual(ids(all.slice(start, start + THREAD_WINDOW)));
    expect(t).toMatchObject({ hasOlder: true, hasNewer: true });
    // A live message after the window is not added (it would leave a gap); a change inside it is.
    expect(inWindow(t, 10_001)).toBe(false);
    expect(inWindow(t, start + 10)).toBe(true);
    expect(inWindow(t, start)).toBe(false);
    t = withPage(t, api.after(t.messages.at(-1)!.id, PAGE), 'newer', PAGE);
    expect(ids(t.messages)).toEqual(ids(all.slice(start + PAGE, start + PAGE + THREAD_WINDOW)));
    expect(t).toMatchObject({ hasOlder: true, hasNewer: true });
    // Back to the newest: the thread starts anew there, without a gap.
    t = withPage(t, api.latest(50), 'latest', 50);
    expect(ids(t.messages)).toEqual(ids(all.slice(-50)));
    expect(t).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('the newest page merges into a window that holds the newest, and a short page marks the beginning', () => {
    const all = Array.from({ length: 30 }, (_, i) => messageView(i + 1));
    let t = withPage(empty(), all.slice(0, 20), 'latest', 50);
    expect(t).toMatchObject({ hasOlder: false, hasNewer: false });
    t = withPage(t, all.slice(0, 30).map((m) => (m.id === 5 ? { ...m, status: 'read' as const } : m)).slice(-50), 'latest', 50);
    expect(ids(t.messages)).toEqual(ids(all));
    expect(t.messages[4]!.status).toBe('read');
    expect(t.hasOlder).toBe(false);
  });

  it('a page asked for before a jump is dropped when it comes: it no longer borders the window', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => messageView(i + 1));
    const api = server(all);
    let t = withPage(empty(), api.latest(50), 'latest', 50);
    while (!t.hasNewer) t = withPage(t, api.before(t.messages[0]!.id, PAGE), 'older', PAGE, t.messages[0]!.id);
    const first = t.messages[0]!.id;
    const last = t.messages.at(-1)!.id;
    // Staff sends from far back: the thread jumps to the newest while both pages are on their way.
    const jumped = withPage(t, api.latest(50), 'latest', 50);
    expect(ids(jumped.messages)).toEqual(ids(all.slice(-50)));
    expect(withPage(jumped, api.after(last, PAGE), 'newer', PAGE, last)).toBe(jumped);
    expect(withPage(jumped, api.before(first, PAGE), 'older', PAGE, first)).toBe(jumped);
    // Still bordering: merged.
    const older = withPage(jumped, api.before(jumped.messages[0]!.id, PAGE), 'older', PAGE, jumped.messages[0]!.id);
    expect(ids(older.messages)).toEqual(ids(all.slice(-550)));
  });

  it('any mix of pages and live events keeps the window a gapless run of the conversation, within its bounds and flags', () => {
    const store = () => useMessages.getState();
    const thread = () => store().byContact[1]!;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 * THREAD_WINDOW }),
        fc.array(
          fc.oneof(
            fc.constant({ kind: 'latest' as const }),
            fc.constant({ kind: 'older' as const }),
            fc.constant({ kind: 'newer' as const }),
            fc.record({ kind: fc.constant('live' as const), n: fc.integer({ min: 1, max: THREAD_WINDOW / 3 }) }),
            fc.record({ kind: fc.constant('status' as const), at: fc.integer({ min: 1, max: 3 * THREAD_WINDOW }) }),
            // A page asked for, then a jump (to the newest) before its answer came.
            fc.constantFrom('staleOlder' as const, 'staleNewer' as const).map((kind) => ({ kind })),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (size, steps) => {
          store().reset();
          let all = Array.from({ length: size }, (_, i) => messageView(i + 1));
          store().mergePage(1, server(all).latest(50), { place: 'latest', pageSize: 50 });
          for (const step of steps) {
            const api = server(all);
            const t = thread();
            const first = t.messages[0]!;
            const last = t.messages.at(-1)!;
            if (step.kind === 'latest') store().mergePage(1, api.latest(50), { place: 'latest', pageSize: 50 });
            if (step.kind === 'older' && t.hasOlder) store().mergePage(1, api.before(first.id, PAGE), { place: 'older', pageSize: PAGE, anchor: first.id });
            if (step.kind === 'newer' && t.hasNewer) store().mergePage(1, api.after(last.id, PAGE), { place: 'newer', pageSize: PAGE, anchor: last.id });
            if (step.kind === 'staleOlder' || step.kind === 'staleNewer') {
              const older = step.kind === 'staleOlder';
              const anchor = older ? first.id : last.id;
              const page = older ? api.before(anchor, PAGE) : api.after(anchor, PAGE);
              store().mergePage(1, api.latest(50), { place: 'latest', pageSize: 50 });
              store().mergePage(1, page, { place: older ? 'older' : 'newer', pageSize: PAGE, anchor });
            }
            if (step.kind === 'live') {
              // New messages from the customer, as events (one store update per frame).
              const fresh = Array.from({ length: step.n }, (_, i) => messageView(all.length + i + 1));
              all = all.concat(fresh);
              store().enqueue(fresh);
              store().flush();
            }
            if (step.kind === 'status' && step.at <= all.length) {
              // A receipt for any message of the conversation, inside the window or not.
              const changed = { ...all[step.at - 1]!, status: 'read' as const };
              all = all.map((m) => (m.id === changed.id ? changed : m));
              store().enqueue([changed]);
              store().flush();
            }
            const held = thread().messages;
            expect(held.length).toBeGreaterThan(0);
            expect(held.length).toBeLessThanOrEqual(THREAD_WINDOW);
            const start = all.findIndex((m) => m.id === held[0]!.id);
            // Gapless, and each message in its latest version.
            expect(held).toEqual(all.slice(start, start + held.length));
            // The flags never hide messages: older or newer ones exist only where they say so.
            if (start > 0) expect(thread().hasOlder).toBe(true);
            if (start + held.length < all.length) expect(thread().hasNewer).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
