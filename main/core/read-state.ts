import type { Logger } from '../runtime';
import type { Store } from '../store';
import { ChannelOfflineError, type Channel } from './channel';

/**
 * Read state shared with the messenger, both ways. Staff reading a
 * conversation in Tresen marks the chat seen on the linked phone (the
 * customer sees read ticks, the phone stops showing it unread); a chat read
 * on the phone marks the conversation read here. Lines without the
 * capability (the simulator) only change Tresen's own state.
 */

export interface ReadStateDeps {
  store: Store;
  channel: Channel;
  logger: Logger;
  messaging: { emitContact(contactId: number): void };
}

/** Staff has seen the conversation. Returns false for an unknown contact. The messenger is told in the background. */
export function markReadByStaff(d: ReadStateDeps, contactId: number): boolean {
  const conversationId = d.store.messages.conversationIdOf(contactId);
  const contact = d.store.contacts.byId(contactId);
  if (conversationId === undefined || !contact) return false;
  d.store.messages.markRead(conversationId);
  d.messaging.emitContact(contactId);
  const readState = d.channel.readState;
  if (readState) {
    const to = { phone: contact.phone, knownChatIds: d.store.contacts.addresses(contactId) };
    readState.markSeen(to).catch((err: unknown) => {
      // Offline: the next read in Tresen (or on the phone) brings both sides together again.
      const log = err instanceof ChannelOfflineError ? d.logger.info : d.logger.warn;
      log.call(d.logger, 'could not mark the chat seen on the messenger', { error: err instanceof Error ? err.message : String(err) });
    });
  }
  return true;
}

/** The chat was read on the linked phone: the conversation is read here too. Returns true when something changed. */
export function markReadOnMessenger(d: Omit<ReadStateDeps, 'channel' | 'logger'>, chat: { chatId: string; phone?: string }): boolean {
  const contact = d.store.contacts.byChatId(chat.chatId) ?? (chat.phone ? d.store.contacts.byPhone(chat.phone) : undefined);
  if (!contact) return false;
  const conversationId = d.store.messages.conversationIdOf(contact.id);
  if (conversationId === undefined || d.store.contacts.listRow(contact.id)?.unread === 0) return false;
  d.store.messages.markRead(conversationId);
  d.messaging.emitContact(contact.id);
  return true;
}
