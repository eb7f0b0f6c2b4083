import { create } from 'zustand';
import type { MessageView } from '@contract';
import { nextFrame } from '../lib/frame';

export interface Thread {
  /** A window of the history, ordered by id: at most THREAD_WINDOW messages, without gaps. */
  messages: MessageView[];
  /** False once a page came back shorter than asked: the beginning is reached. */
  hasOlder: boolean;
  /** True while the window stops short of the newest message (staff paged far back, or jumped to a search hit). */
  hasNewer: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
}

/**
 * The most messages a thread holds. Paging back further lets the newest go
 * (and paging forward again the oldest), so every page costs the same in a
 * chat of 100,000 messages as in one of 2,000: the rows, the virtualizer's
 * offsets and the merge never walk more than this.
 */
export const THREAD_WINDOW = 3_000;

/** Where a fetched page belongs: the newest messages, before the window, or after it. */
export type PagePlace = 'latest' | 'older' | 'newer';

export interface MessagesState {
  byContact: Record<number, Thread>;
  /**
   * A fetched page; merged by id, never duplicated; the far end goes beyond
   * THREAD_WINDOW. `anchor`: the id an older or newer page was asked before
   * or after; a page whose anchor is no longer the window's end is dropped.
   */
  mergePage(contactId: number, page: MessageView[], opts: { place: PagePlace; pageSize: number; anchor?: number }): void;
  /** The thread becomes exactly these messages (a window around a search hit, say). */
  replaceWindow(contactId: number, messages: MessageView[], ends: { hasOlder: boolean; hasNewer: boolean }): void;
  /** One message from an event or a send/retry answer. */
  upsert(message: MessageView): void;
  /**
   * Messages from events (new ones, status changes): queued and applied
   * together at the next animation frame, so a burst costs one store update
   * and one render per frame instead of one per message. Every other write
   * applies what is queued first, so the order of arrival is kept.
   */
  enqueue(messages: readonly MessageView[]): void;
  /** Apply the queued event messages now. */
  flush(): void;
  setLoading(contactId: number, which: 'older' | 'newer', loading: boolean): void;
  /** Forget all threads (after a reconnect the server is asked again). */
  reset(): void;
}

const emptyThread = (): Thread => ({ messages: [], hasOlder: true, hasNewer: false, loadingOlder: false, loadingNewer: false });

/** Index of the first message whose id is ≥ id (messages ordered by id). */
function lowerBound(list: readonly MessageView[], id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether two versions of a message are the same (both come from the server's one view of a message, fields in one order). */
const sameMessage = (a: MessageView, b: MessageView): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

function ordered(list: readonly MessageView[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.id >= list[i]!.id) return false;
  return true;
}

/**
 * Merge by id; ids grow with arrival, which is the order the server pages in.
 * `current` is ordered by id (as every thread is); a later version of a
 * message replaces the earlier one. Costs a copy of `current` at most — new
 * messages at the end, an older page at the start or a changed status never
 * sort the thread again.
 */
export function mergeMessages(current: MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return current;
  // The incoming ones by id, the latest version of each (usually already ordered: one event or one page).
  const latest = new Map<number, MessageView>();
  for (const m of incoming) latest.set(m.id, m);
  const add = [...latest.values()];
  if (add.some((m, i) => i > 0 && add[i - 1]!.id > m.id)) add.sort((a, b) => a.id - b.id);
  const first = current[0];
  const last = current[current.length - 1];
  if (!first || !last) return add;
  if (!ordered(current)) return [...new Map([...current, ...add].map((m) => [m.id, m])).values()].sort((a, b) => a.id - b.id);
  if (add[0]!.id > last.id) return current.concat(add);
  if (add[add.length - 1]!.id < first.id) return add.concat(current);
  // Replace known ids in place; what is new is merged in one pass.
  const out = current.slice();
  const fresh: MessageView[] = [];
  let replaced = false;
  for (const m of add) {
    const i = lowerBound(out, m.id);
    if (out[i]?.id !== m.id) fresh.push(m);
    // The same version again (opening a chat asks for the page it already holds): the old object
    // stays, so its row is not drawn again, and a thread with nothing new stays the same thread.
    else if (!sameMessage(out[i]!, m)) {
      out[i] = m;
      replaced = true;
    }
  }
  if (fresh.length === 0) return replaced ? out : current;
  if (fresh[0]!.id > last.id) return out.concat(fresh);
  const merged: MessageView[] = [];
  let a = 0;
  let b = 0;
  while (a < out.length || b < fresh.length) {
    if (b >= fresh.length || (a < out.length && out[a]!.id < fresh[b]!.id)) merged.push(out[a++]!);
    else merged.push(fresh[b++]!);
  }
  return merged;
}

/**
 * Whether a message from an event belongs in the thread's window: not before
 * its first message while older ones are still to be paged in, not after its
 * last while newer ones are (either would leave a gap that paging never fills).
 */
export function inWindow(thread: Thread, id: number): boolean {
  const first = thread.messages[0];
  const last = thread.messages[thread.messages.length - 1];
  if (!first || !last) return true;
  return (!thread.hasOlder || id >= first.id) && (!thread.hasNewer || id <= last.id);
}

/**
 * `thread` with `page` merged at `place`, trimmed to THREAD_WINDOW at the far
 * end. An older or newer page asked before the window moved (a jump to the
 * newest or to a search hit in between) no longer borders it: it is dropped,
 * or it would leave a gap.
 */
export function withPage(thread: Thread, page: readonly MessageView[], place: PagePlace, pageSize: number, anchor?: number): Thread {
  const full = page.length >= pageSize;
  const last = thread.messages[thread.messages.length - 1];
  if (anchor !== undefined && (place === 'older' ? thread.messages[0]?.id : last?.id) !== anchor) return thread;
  if (place === 'latest') {
    // The window stops short of the newest (paged back), or the page starts after it with room for a gap
    // between (events were missed): the newest page starts the thread anew.
    const gap = !!last && full && page[0]!.id > last.id;
    if (thread.hasNewer || gap) return { ...thread, messages: mergeMessages([], page), hasOlder: full, hasNewer: false };
    const messages = mergeMessages(thread.messages, page);
    // Only the first page says anything about the beginning.
    const hasOlder = thread.messages.length === 0 ? full : thread.hasOlder;
    // Nothing new (a chat fetched ahead, opened): the same thread, so nothing is drawn again.
    if (messages === thread.messages && hasOlder === thread.hasOlder) return thread;
    return trimmed({ ...thread, messages, hasOlder }, 'oldest');
  }
  const messages = mergeMessages(thread.messages, page);
  if (place === 'older') return trimmed({ ...thread, messages, hasOlder: full }, 'newest');
  return trimmed({ ...thread, messages, hasNewer: full }, 'oldest');
}

/** At most THREAD_WINDOW messages: the end away from where staff is paging goes. */
function trimmed(thread: Thread, drop: 'newest' | 'oldest'): Thread {
  const over = thread.messages.length - THREAD_WINDOW;
  if (over <= 0) return thread;
  return drop === 'newest'
    ? { ...thread, messages: thread.messages.slice(0, THREAD_WINDOW), hasNewer: true }
    : { ...thread, messages: thread.messages.slice(over), hasOlder: true };
}

/** Each loaded thread with its share of `messages` merged in; threads never opened stay unloaded. */
function mergeInto(byContact: Record<number, Thread>, messages: readonly MessageView[]): Record<number, Thread> | null {
  const perContact = new Map<number, MessageView[]>();
  for (const m of messages) {
    const thread = byContact[m.contactId];
    if (!thread || !inWindow(thread, m.id)) continue;
    const list = perContact.get(m.contactId);
    if (list) list.push(m);
    else perContact.set(m.contactId, [m]);
  }
  if (perContact.size === 0) return null;
  const next = { ...byContact };
  for (const [contactId, list] of perContact) {
    const prev = byContact[contactId]!;
    // Events only add at the end while the window holds the newest; a live chat sheds its oldest.
    next[contactId] = trimmed({ ...prev, messages: mergeMessages(prev.messages, list) }, 'oldest');
  }
  return next;
}

export const useMessages = create<MessagesState>()((set, get) => {
  let queued: MessageView[] = [];
  let scheduled = false;
  /** The state with the queued event messages applied (and the queue emptied). */
  const drained = (s: MessagesState): Record<number, Thread> => {
    if (queued.length === 0) return s.byContact;
    const batch = queued;
    queued = [];
    return mergeInto(s.byContact, batch) ?? s.byContact;
  };
  return {
    byContact: {},
    mergePage: (contactId, page, { place, pageSize, anchor }) =>
      set((s) => {
        const byContact = drained(s);
        const prev = byContact[contactId] ?? emptyThread();
        const next = withPage(prev, page, place, pageSize, anchor);
        if (next === prev && byContact === s.byContact) return s;
        return { byContact: { ...byContact, [contactId]: next } };
      }),
    replaceWindow: (contactId, messages, { hasOlder, hasNewer }) =>
      set((s) => {
        const byContact = drained(s);
        const prev = byContact[contactId] ?? emptyThread();
        return { byContact: { ...byContact, [contactId]: { ...prev, messages: mergeMessages([], messages), hasOlder, hasNewer } } };
      }),
    upsert: (message) =>
      set((s) => {
        const byContact = drained(s);
        // A thread never opened is fetched whole when it is opened.
        return { byContact: mergeInto(byContact, [message]) ?? byContact };
      }),
    enqueue: (messages) => {
      if (messages.length === 0) return;
      for (const m of messages) queued.push(m);
      if (scheduled) return;
      scheduled = true;
      nextFrame(() => {
        scheduled = false;
        get().flush();
      });
    },
    flush: () => {
      if (queued.length === 0) return;
      set((s) => ({ byContact: drained(s) }));
    },
    setLoading: (contactId, which, loading) =>
      set((s) => {
        const byContact = drained(s);
        const prev = byContact[contactId] ?? emptyThread();
        const flag = which === 'older' ? { loadingOlder: loading } : { loadingNewer: loading };
        return { byContact: { ...byContact, [contactId]: { ...prev, ...flag } } };
      }),
    reset: () => {
      queued = [];
      set({ byContact: {} });
    },
  };
});
