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

/** Where `contact` goes in a list sorted by sortContacts (binary search: no walk over the whole book). */
function placeOf(list: readonly ContactSummary[], contact: ContactSummary): number {
  const key = time(contact);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = list[mid]!;
    const before = time(other) - key || other.id - contact.id;
    if (before > 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sorted list with `contact` put in its place (replacing its earlier version). */
function placeContact(list: readonly ContactSummary[], contact: ContactSummary, at: number): ContactSummary[] {
  const rest = at === -1 ? list.slice() : [...list.slice(0, at), ...list.slice(at + 1)];
  rest.splice(placeOf(rest, contact), 0, contact);
  return rest;
}

export const useContacts = create<ContactsState>()((set) => ({
  list: [],
  search: '',
  selectedId: null,
  loaded: false,
  setList: (list, search) => set({ list: sortContacts(list), search, loaded: true }),
  upsert: (contact) =>
    set((s) => {
      const i = s.list.findIndex((c) => c.id === contact.id);
      // While a search is shown, a new contact may not match it; the next search fetch decides.
      if (i === -1 && s.search !== '') return {};
      return { list: placeContact(s.list, contact, i) };
    }),
  select: (id) => set({ selectedId: id }),
}));

export const selectedContact = (s: ContactsState): ContactSummary | null =>
  s.selectedId === null ? null : (s.list.find((c) => c.id === s.selectedId) ?? null);
