import { create } from 'zustand';
import type { ApiError } from '@contract/errors';

/** The consent panel's long-running actions: recording a revocation and exporting the proof PDF. */
export type BusyKind = 'revocation' | 'pdf';

export interface BusyEntry {
  busy: boolean;
  /** Why the last attempt failed (cleared when the next one starts). */
  error: ApiError | null;
}

export interface ConsentBusyState {
  byKey: Record<string, BusyEntry>;
  /** Starts an action for a contact; false (and nothing changes) while the same one is still running. */
  begin(kind: BusyKind, contactId: number): boolean;
  /** Ends it, with the error when it failed. */
  finish(kind: BusyKind, contactId: number, error?: ApiError | null): void;
}

export const IDLE: BusyEntry = { busy: false, error: null };
export const busyKey = (kind: BusyKind, contactId: number): string => `${kind}:${contactId}`;

/**
 * Busy flags per contact, outside the components: a second click while busy
 * is ignored, and a panel closed and reopened meanwhile shows the true state.
 */
export const useConsentBusy = create<ConsentBusyState>()((set, get) => ({
  byKey: {},
  begin: (kind, contactId) => {
    const key = busyKey(kind, contactId);
    if (get().byKey[key]?.busy) return false;
    set((s) => ({ byKey: { ...s.byKey, [key]: { busy: true, error: null } } }));
    return true;
  },
  finish: (kind, contactId, error = null) =>
    set((s) => ({ byKey: { ...s.byKey, [busyKey(kind, contactId)]: { busy: false, error } } })),
}));

/** The state of one action for one contact. */
export const useBusy = (kind: BusyKind, contactId: number): BusyEntry => useConsentBusy((s) => s.byKey[busyKey(kind, contactId)] ?? IDLE);
