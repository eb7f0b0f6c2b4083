import { create } from 'zustand';
import type { QuickReplyView } from '@contract';

export interface QuickRepliesState {
  /** All quick replies (both languages), by shortcut; null until loaded. */
  list: QuickReplyView[] | null;
  setList(list: QuickReplyView[]): void;
}

export const useQuickReplies = create<QuickRepliesState>()((set) => ({
  list: null,
  setList: (list) => set({ list: [...list].sort((a, b) => a.shortcut.localeCompare(b.shortcut)) }),
}));

/** The replies for the composer's "/query": this language's first, shortcut matches before text matches. */
export function matchQuickReplies(list: readonly QuickReplyView[], query: string, locale: string): QuickReplyView[] {
  const q = query.toLowerCase();
  const own = list.filter((r) => r.locale === locale);
  const pool = own.length ? own : list;
  const starts = pool.filter((r) => r.shortcut.startsWith(q));
  const rest = pool.filter((r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.text.toLowerCase().includes(q)));
  return [...starts, ...rest];
}

/** The "/word" right before the caret, if staff is typing a shortcut. */
export function shortcutAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/([a-z0-9]{0,32})$/i.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}
