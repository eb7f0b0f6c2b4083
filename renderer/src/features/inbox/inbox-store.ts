import { create } from 'zustand';
import type { ConsentState, InboxCounts, InboxItem, InboxOrder, InboxViewName, LabelView, ProfileView } from '@contract';

/** Which inbox view the list shows: a plain view, one label, or one consent state. */
export type InboxView =
  | { name: Exclude<InboxViewName, 'label' | 'consent'> }
  | { name: 'label'; labelId: number }
  | { name: 'consent'; consent: ConsentState };

export const viewKey = (v: InboxView): string =>
  v.name === 'label' ? `label:${v.labelId}` : v.name === 'consent' ? `consent:${v.consent}` : v.name;

export interface InboxState {
  view: InboxView;
  order: InboxOrder;
  /** Filter text typed in the list's search field ('' = none). */
  q: string;
  items: InboxItem[];
  /** Cursor of the next page; null at the end of the book. */
  next: string | null;
  loaded: boolean;
  loading: boolean;
  counts: InboxCounts | null;
  labels: LabelView[];
  profiles: ProfileView[];
  current: ProfileView | null;
  /** The open conversation's row, for the conversation bar (it may be outside the loaded pages). */
  opened: InboxItem | null;
  setQuery(view: InboxView, order: InboxOrder, q: string): void;
  setPage(items: InboxItem[], next: string | null, append: boolean): void;
  setLoading(loading: boolean): void;
  /** A row changed: replace it in place (its view membership is settled by the next page load). */
  patch(item: InboxItem): void;
  setCounts(counts: InboxCounts): void;
  setLabels(labels: LabelView[]): void;
  setProfiles(profiles: ProfileView[]): void;
  setCurrent(profile: ProfileView | null): void;
}

export const useInbox = create<InboxState>()((set) => ({
  view: { name: 'all' },
  order: 'waiting',
  q: '',
  items: [],
  next: null,
  loaded: false,
  loading: false,
  counts: null,
  labels: [],
  profiles: [],
  current: null,
  opened: null,
  setQuery: (view, order, q) => set({ view, order, q }),
  setPage: (items, next, append) =>
    set((s) => {
      if (!append) return { items, next, loaded: true };
      const seen = new Set(s.items.map((i) => i.id));
      return { items: [...s.items, ...items.filter((i) => !seen.has(i.id))], next, loaded: true };
    }),
  setLoading: (loading) => set({ loading }),
  patch: (item) =>
    set((s) => {
      const i = s.items.findIndex((x) => x.id === item.id);
      const opened = s.opened?.id === item.id ? item : s.opened;
      if (i === -1) return { opened };
      const items = s.items.slice();
      items[i] = item;
      return { items, opened };
    }),
  setCounts: (counts) => set({ counts }),
  setLabels: (labels) => set({ labels }),
  setProfiles: (profiles) => set({ profiles }),
  setCurrent: (current) => set({ current }),
}));

/** The profile with this id, for the assignee dot and menu. */
export const profileById = (profiles: ProfileView[], id: number | null): ProfileView | null =>
  id === null ? null : (profiles.find((p) => p.id === id) ?? null);
