import type { ApiClient } from '../../api/client';
import { useMessages } from '../../store/messages';

/** Messages fetched on each side of a message outside the window (a search hit, a quote). */
const REVEAL_SIDE = 250;

/**
 * Makes sure `messageId` is in the contact's thread; true when it is there to
 * scroll to. Outside the window (a search hit far back), the window moves to
 * the messages around it in two calls, however far back it is.
 */
export async function revealMessage(client: ApiClient, contactId: number, messageId: number): Promise<boolean> {
  const thread = useMessages.getState().byContact[contactId];
  if (!thread) return false;
  if (thread.messages.some((m) => m.id === messageId)) return true;
  const first = thread.messages[0];
  const last = thread.messages[thread.messages.length - 1];
  const outside = (first && messageId < first.id && thread.hasOlder) || (last && messageId > last.id && thread.hasNewer);
  if (!outside) return false;
  const [before, after] = await Promise.all([
    client.call('messages.list', { contactId, beforeId: messageId + 1, limit: REVEAL_SIDE }),
    client.call('messages.list', { contactId, afterId: messageId, limit: REVEAL_SIDE }),
  ]);
  // Held back or deleted: the window stays where staff left it.
  if (before[before.length - 1]?.id !== messageId) return false;
  useMessages.getState().replaceWindow(contactId, [...before, ...after], {
    hasOlder: before.length >= REVEAL_SIDE,
    hasNewer: after.length >= REVEAL_SIDE,
  });
  return true;
}
