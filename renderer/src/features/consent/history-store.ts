import { create } from 'zustand';
import type { ConsentEventView } from '@contract';

export interface HistoryEntry {
  events: ConsentEventView[] | null;
  loading: boolean;
  error: string | null;
}

export interface HistoryState {
  byContact: Record<number, HistoryEntry>;
  setLoading(contactId: number): void;
  setEvents(contactId: number, events: ConsentEventView[]): void;
  setError(contactId: number, message: string): void;
}

const EMPTY: HistoryEntry = { events: null, loading: false, error: null };

/** Consent proof per contact, cached so badges can say how consent came about. */
export const useConsentHistory = create<HistoryState>()((set) => ({
  byContact: {},
  setLoading: (id) =>
    set((s) => ({ byContact: { ...s.byContact, [id]: { ...(s.byContact[id] ?? EMPTY), loading: true, error: null } } })),
  setEvents: (id, events) => set((s) => ({ byContact: { ...s.byContact, [id]: { events, loading: false, error: null } } })),
  setError: (id, message) =>
    set((s) => ({ byContact: { ...s.byContact, [id]: { ...(s.byContact[id] ?? EMPTY), loading: false, error: message } } })),
}));
