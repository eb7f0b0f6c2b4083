import { create } from 'zustand';
import type { ContactSummary } from '@contract';

export interface ContactsState {
  list: ContactSummary[];
  /** Search text the current list was fetched for ('' = all). */
  search: string;
  selectedId: number | null;
  loaded: boolean;
  setList(list: ContactSummary[], search: string): void;
  /** A contact changed (event or rename); insert it only when it belongs in the list. */
  upsert(contact: ContactSummary): void;
  select(id: number | null): void;
}

const time = (c: ContactSummary): number => (c.lastMessageAt ? Date.parse(c.lastMessageAt) || 0 : 0);

/** Most recent conversation first, like the server; ties by newest contact. */
export const sortContacts = (list: ContactSummary[]): ContactSummary[] =>
  [...list].sort((a, b) => time(b) - time(a) || b.id - a.id);

export const useContacts = create<ContactsState>()((set) => ({
  list: [],
  search: '',
  selectedId: null,
  loaded: false,
  setList: (list, search) => set({ list: sortContacts(list), search, loaded: true }),
  upsert: (contact) =>
    set((s) => {
      const i = s.list.findIndex((c) => c.id === contact.id);
      if (i === -1) {
        // While a search is shown, a new contact may not match it; the next search fetch decides.
        if (s.search !== '') return {};
        return { list: sortContacts([...s.list, contact]) };
      }
      const list = s.list.slice();
      list[i] = contact;
      return { list: sortContacts(list) };
    }),
  select: (id) => set({ selectedId: id }),
}));

export const selectedContact = (s: ContactsState): ContactSummary | null =>
  s.selectedId === null ? null : (s.list.find((c) => c.id === s.selectedId) ?? null);
