import { create } from 'zustand';

/** Unsent text per conversation, so switching contacts or reloading never loses typing. */
export interface DraftsState {
  byContact: Record<number, string>;
  set(contactId: number, text: string): void;
}

const PREFIX = 'tresen.draft.';

/** Drafts live in this window's localStorage, keyed by contact; without storage they last the session. */
function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function loadDrafts(store: Storage | null = storage()): Record<number, string> {
  const out: Record<number, string> = {};
  if (!store) return out;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const id = Number(key.slice(PREFIX.length));
    const text = store.getItem(key);
    if (Number.isInteger(id) && text) out[id] = text;
  }
  return out;
}

function persist(contactId: number, text: string): void {
  const store = storage();
  try {
    if (text) store?.setItem(PREFIX + contactId, text);
    else store?.removeItem(PREFIX + contactId);
  } catch {
    // A full storage keeps the draft for this session only.
  }
}

export const useDrafts = create<DraftsState>()((set) => ({
  byContact: loadDrafts(),
  set: (contactId, text) => {
    persist(contactId, text);
    set((s) => ({ byContact: { ...s.byContact, [contactId]: text } }));
  },
}));
