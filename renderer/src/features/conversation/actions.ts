import type { MessageView, NoteView } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useConversation } from './conversation-store';
import { revealMessage } from './reveal';

const NOTES_PAGE = 200;

/** Opens a web address outside the app: the Electron window hands window.open to the system browser. */
export function openExternal(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** The conversation pane's calls: internal notes, reply with quote, profiles for authors, revealing a message. */
export function createConversationActions(client: ApiClient) {
  const store = () => useConversation.getState();
  return {
    /** Subscribe to notes and profile changes; returns a stop function. */
    start(): () => void {
      const offs = [
        client.on('note.added', (n: NoteView) => store().addNote(n)),
        client.on('profiles.changed', (list) => store().setProfiles(list)),
      ];
      client.call('profiles.list', {}).then(
        (list) => store().setProfiles(list),
        (err: unknown) => console.warn('profiles.list failed', toApiError(err).code),
      );
      return () => offs.forEach((off) => off());
    },

    async loadNotes(contactId: number): Promise<void> {
      try {
        const page = await client.call('notes.list', { contactId, limit: NOTES_PAGE });
        store().setNotes(contactId, page.items);
      } catch (err) {
        console.warn('notes.list failed', toApiError(err).code);
      }
    },

    /** Throws ApiError; the caller keeps the text. */
    async addNote(contactId: number, text: string): Promise<NoteView> {
      const note = await client.call('notes.add', { contactId, text });
      store().setNotes(contactId, [...(store().notesByContact[contactId] ?? []), note]);
      return note;
    },

    replyTo(contactId: number, message: MessageView | undefined): void {
      store().setReplyTo(contactId, message);
    },

    /** Makes sure `messageId` is in the thread (see revealMessage); true when it is there to scroll to. */
    reveal: (contactId: number, messageId: number): Promise<boolean> => revealMessage(client, contactId, messageId),
  };
}

export const conversationActions = createConversationActions(api);
