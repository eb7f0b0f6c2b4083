import { create } from 'zustand';
import type { MessageView } from '@contract';

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
  setLoadingOlder(contactId: number, loading: boolean): void;
  /** Forget all threads (after a reconnect the server is asked again). */
  reset(): void;
}

const emptyThread = (): Thread => ({ messages: [], hasOlder: true, loadingOlder: false });

/** Merge by id; ids grow with arrival, which is the order the server pages in. */
export function mergeMessages(current: MessageView[], incoming: MessageView[]): MessageView[] {
  const byId = new Map<number, MessageView>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export const useMessages = create<MessagesState>()((set) => ({
  byContact: {},
  mergePage: (contactId, page, { older, pageSize }) =>
    set((s) => {
      const prev = s.byContact[contactId] ?? emptyThread();
      const messages = mergeMessages(prev.messages, page);
      // Only an older-page answer (or the first page) says anything about the beginning.
      const hasOlder = older || prev.messages.length === 0 ? page.length >= pageSize : prev.hasOlder;
      return { byContact: { ...s.byContact, [contactId]: { ...prev, messages, hasOlder } } };
    }),
  upsert: (message) =>
    set((s) => {
      const prev = s.byContact[message.contactId];
      // A thread never opened is fetched whole when it is opened.
      if (!prev) return {};
      return {
        byContact: { ...s.byContact, [message.contactId]: { ...prev, messages: mergeMessages(prev.messages, [message]) } },
      };
    }),
  setLoadingOlder: (contactId, loading) =>
    set((s) => {
      const prev = s.byContact[contactId] ?? emptyThread();
      return { byContact: { ...s.byContact, [contactId]: { ...prev, loadingOlder: loading } } };
    }),
  reset: () => set({ byContact: {} }),
}));
