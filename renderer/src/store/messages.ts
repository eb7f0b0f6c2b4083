import { create } from 'zustand';
import type { MessageView } from '@contract';
import { nextFrame } from '../lib/frame';

export interface Thread {
  messages: MessageView[];
  /** False once a page came back shorter than asked: the beginning is reached. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

export interface MessagesState {
  byContact: Record<number, Thread>;
  /** A fetched page (latest or older); merged by id, never duplicated. */
  mergePage(contactId: number, page: MessageView[], opts: { older: boolean; pageSize: number }): void;
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
  setLoadingOlder(contactId: number, loading: boolean): void;
  /** Forget all threads (after a reconnect the server is asked again). */
  reset(): void;
}

const emptyThread = (): Thread => ({ messages: [], hasOlder: true, loadingOlder: false });

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
  for (const m of add) {
    const i = lowerBound(out, m.id);
    if (out[i]?.id === m.id) out[i] = m;
    else fresh.push(m);
  }
  if (fresh.length === 0) return out;
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

/** Each loaded thread with its share of `messages` merged in; threads never opened stay unloaded. */
function mergeInto(byContact: Record<number, Thread>, messages: readonly MessageView[]): Record<number, Thread> | null {
  const perContact = new Map<number, MessageView[]>();
  for (const m of messages) {
    if (!byContact[m.contactId]) continue;
    const list = perContact.get(m.contactId);
    if (list) list.push(m);
    else perContact.set(m.contactId, [m]);
  }
  if (perContact.size === 0) return null;
  const next = { ...byContact };
  for (const [contactId, list] of perContact) {
    const prev = byContact[contactId]!;
    next[contactId] = { ...prev, messages: mergeMessages(prev.messages, list) };
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
    mergePage: (contactId, page, { older, pageSize }) =>
      set((s) => {
        const byContact = drained(s);
        const prev = byContact[contactId] ?? emptyThread();
        const messages = mergeMessages(prev.messages, page);
        // Only an older-page answer (or the first page) says anything about the beginning.
        const hasOlder = older || prev.messages.length === 0 ? page.length >= pageSize : prev.hasOlder;
        return { byContact: { ...byContact, [contactId]: { ...prev, messages, hasOlder } } };
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
    setLoadingOlder: (contactId, loading) =>
      set((s) => {
        const byContact = drained(s);
        const prev = byContact[contactId] ?? emptyThread();
        return { byContact: { ...byContact, [contactId]: { ...prev, loadingOlder: loading } } };
      }),
    reset: () => {
      queued = [];
      set({ byContact: {} });
    },
  };
});
