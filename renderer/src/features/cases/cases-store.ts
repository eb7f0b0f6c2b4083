import { create } from 'zustand';
import type { CaseDetail, CaseStatus, CaseType, CaseView, MethodOutput } from '@contract';
import type { ApiError } from '@contract/errors';

export interface CaseFilter {
  type: CaseType | '';
  status: CaseStatus | '';
  overdue: boolean;
  open: boolean;
}

export interface CasesState {
  /** Every case the UI has seen, by id (events keep them current). */
  byId: Record<string, CaseView>;
  /** Loaded details (history, messages, files) of cases staff opened. */
  details: Record<string, CaseDetail>;
  /** Case ids per contact, newest first (the conversation's side panel). */
  byContact: Record<number, string[]>;
  /** The Cases view: filter, ids in order, the next cursor. */
  filter: CaseFilter;
  listIds: string[];
  next: string | null;
  listLoading: boolean;
  listError: ApiError | null;
  settings: MethodOutput<'cases.settings'> | null;
  upsert(view: CaseView): void;
  setDetail(detail: CaseDetail): void;
  setForContact(contactId: number, views: CaseView[]): void;
  setFilter(filter: Partial<CaseFilter>): void;
  setList(views: CaseView[], next: string | null, append: boolean): void;
  setListState(loading: boolean, error: ApiError | null): void;
  setSettings(settings: MethodOutput<'cases.settings'>): void;
}

export const DEFAULT_FILTER: CaseFilter = { type: '', status: '', overdue: false, open: true };

const merge = (s: CasesState, views: CaseView[]) => {
  const byId = { ...s.byId };
  for (const v of views) byId[v.id] = v;
  return byId;
};

/** Cases as the UI knows them; actions fill it, the case.updated event keeps it current. */
export const useCases = create<CasesState>()((set) => ({
  byId: {},
  details: {},
  byContact: {},
  filter: DEFAULT_FILTER,
  listIds: [],
  next: null,
  listLoading: false,
  listError: null,
  settings: null,
  upsert: (view) =>
    set((s) => {
      const byContact = { ...s.byContact };
      if (view.contactId !== null) {
        const ids = byContact[view.contactId] ?? [];
        if (!ids.includes(view.id)) byContact[view.contactId] = [view.id, ...ids];
      }
      const details = { ...s.details };
      const d = details[view.id];
      if (d) details[view.id] = { ...d, ...view };
      return { byId: { ...s.byId, [view.id]: view }, byContact, details };
    }),
  setDetail: (detail) => set((s) => ({ details: { ...s.details, [detail.id]: detail }, byId: { ...s.byId, [detail.id]: detail } })),
  setForContact: (contactId, views) =>
    set((s) => ({ byId: merge(s, views), byContact: { ...s.byContact, [contactId]: views.map((v) => v.id) } })),
  setFilter: (filter) => set((s) => ({ filter: { ...s.filter, ...filter } })),
  setList: (views, next, append) =>
    set((s) => ({
      byId: merge(s, views),
      listIds: append ? [...s.listIds, ...views.map((v) => v.id).filter((id) => !s.listIds.includes(id))] : views.map((v) => v.id),
      next,
      listLoading: false,
      listError: null,
    })),
  setListState: (listLoading, listError) => set({ listLoading, listError }),
  setSettings: (settings) => set({ settings }),
}));
