import { create } from 'zustand';

/** Unsent text per conversation, so switching contacts never loses typing. */
export interface DraftsState {
  byContact: Record<number, string>;
  set(contactId: number, text: string): void;
}

export const useDrafts = create<DraftsState>()((set) => ({
  byContact: {},
  set: (contactId, text) => set((s) => ({ byContact: { ...s.byContact, [contactId]: text } })),
}));
