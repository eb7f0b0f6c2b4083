import type { Logger } from '../runtime';
import type { InboundMessage } from './channel';
import type { Store } from '../store';
import type { InboundSender } from '../store/contacts-repo';
import { toE164 } from './phone';

/**
 * Finds the person behind a messenger address (one contact per person
 * across all of their messenger ids), or creates them. Runs inside the
 * message's transaction. A message whose sender has no number we can read
 * throws: not committing means the channel does not count it as received and
 * delivers it again later.
 */
export function resolveInboundContact(
  store: Store,
  logger: Logger,
  msg: InboundMessage,
  now: number,
): { contact: InboundSender; conversationId: number; isNew: boolean } {
  const { chatId, pushName } = msg.from;
  // Compared here first: an UPDATE that changes nothing still costs a statement per message.
  const keepName = (contact: InboundSender) => {
    if (pushName && pushName !== contact.push_name) store.contacts.setPushName(contact.id, pushName, now);
  };
  // A known messenger id is one lookup, with the conversation; the number is parsed only for a new address.
  const known = store.contacts.withConversationByChatId(chatId);
  if (known) {
    keepName(known);
    return { contact: known, conversationId: known.conversation_id, isNew: false };
  }
  let phone: string | undefined;
  try {
    // The adapter fills in the number whenever its id reveals one.
    phone = msg.from.phone ? toE164(msg.from.phone) : undefined;
  } catch {
    phone = undefined;
  }
  const byNumber = phone ? store.contacts.byPhone(phone) : undefined;
  if (byNumber) {
    // A new messenger id of a person we know (one contact per person across their ids).
    store.contacts.addAddress(byNumber.id, chatId);
    keepName(byNumber);
    return { contact: byNumber, conversationId: store.messages.conversationIdOf(byNumber.id)!, isNew: false };
  }
  if (!phone) {
    logger.warn('inbound message without a resolvable phone number', { chatId });
    throw new Error(`no phone number for ${chatId}`);
  }
  const created = store.contacts.create(phone, now, pushName ?? null);
  store.contacts.addAddress(created.id, chatId);
  return { contact: created, conversationId: store.messages.conversationIdOf(created.id)!, isNew: true };
}
