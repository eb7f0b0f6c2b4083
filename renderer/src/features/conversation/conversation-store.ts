import { create } from 'zustand';
import type { MessageView, NoteView, ProfileView } from '@contract';

/** What the conversation pane shows besides the messages: notes, the reply being written, the link to confirm. */
export interface ConversationState {
  /** Internal notes per contact, oldest first. */
  notesByContact: Record<number, NoteView[]>;
  /** The message staff answers with a quote, per contact. */
  replyTo: Record<number, MessageView | undefined>;
  /** A link from a message, waiting for staff to confirm opening it. */
  pendingLink: string | null;
  /** Profiles by id, for the author's colour. */
  profiles: Record<number, ProfileView>;
  /** Files dropped on the pane for the composer to send (seq makes each drop new). */
  dropped: { contactId: number; files: File[]; seq: number } | null;
  /** The image message open in the viewer. */
  viewing: number | null;
  view(messageId: number | null): void;
  setNotes(contactId: number, notes: NoteView[]): void;
  addNote(note: NoteView): void;
  setReplyTo(contactId: number, message: MessageView | undefined): void;
  setPendingLink(url: string | null): void;
  setProfiles(list: ProfileView[]): void;
  drop(contactId: number, files: File[]): void;
}

const byTime = (a: NoteView, b: NoteView): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id);

export const useConversation = create<ConversationState>()((set) => ({
  notesByContact: {},
  replyTo: {},
  pendingLink: null,
  profiles: {},
  dropped: null,
  viewing: null,
  view: (viewing) => set({ viewing }),
  setNotes: (contactId, notes) => set((s) => ({ notesByContact: { ...s.notesByContact, [contactId]: [...notes].sort(byTime) } })),
  addNote: (note) =>
    set((s) => {
      const prev = s.notesByContact[note.contactId];
      if (!prev) return {};
      if (prev.some((n) => n.id === note.id)) return {};
      return { notesByContact: { ...s.notesByContact, [note.contactId]: [...prev, note].sort(byTime) } };
    }),
  setReplyTo: (contactId, message) => set((s) => ({ replyTo: { ...s.replyTo, [contactId]: message } })),
  setPendingLink: (pendingLink) => set({ pendingLink }),
  setProfiles: (list) => set({ profiles: Object.fromEntries(list.map((p) => [p.id, p])) }),
  drop: (contactId, files) => set((s) => ({ dropped: { contactId, files, seq: (s.dropped?.seq ?? 0) + 1 } })),
}));
