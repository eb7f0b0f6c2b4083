import { create } from 'zustand';
import type { ConsentEventView, MethodOutput } from '@contract';
import type { ApiError } from '@contract/errors';

export interface HistoryEntry {
  events: ConsentEventView[] | null;
  loading: boolean;
  error: ApiError | null;
}

export interface HistoryState {
  byContact: Record<number, HistoryEntry>;
  setLoading(contactId: number): void;
  setEvents(contactId: number, events: ConsentEventView[]): void;
  setError(contactId: number, error: ApiError): void;
}

const EMPTY: HistoryEntry = { events: null, loading: false, error: null };

/** Consent proof per contact, cached so badges can say how consent came about. */
export const useConsentHistory = create<HistoryState>()((set) => ({
  byContact: {},
  setLoading: (id) =>
    set((s) => ({ byContact: { ...s.byContact, [id]: { ...(s.byContact[id] ?? EMPTY), loading: true, error: null } } })),
  setEvents: (id, events) => set((s) => ({ byContact: { ...s.byContact, [id]: { events, loading: false, error: null } } })),
  setError: (id, error) =>
    set((s) => ({ byContact: { ...s.byContact, [id]: { ...(s.byContact[id] ?? EMPTY), loading: false, error } } })),
}));

export type Verify =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: MethodOutput<'consent.verify'> }
  | { state: 'failed'; error: ApiError };

/** The last check of the consent proof chain (one for the whole app). */
export const useConsentVerify = create<{ verify: Verify }>()(() => ({ verify: { state: 'idle' } }));
