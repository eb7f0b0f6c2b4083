import type { Logger } from '../runtime';
import type { InboundMessage } from './channel';
import type { Store } from '../store';
import type { ContactRow } from '../store/contacts-repo';
import { toE164 } from './phone';

/**
 * Finds the person behind a messenger address (one contact per person
 * across all of their messenger ids), or creates them. Runs inside the
 * message's transaction. A message whose sender has no number we can read
 * throws: not committing means the channel does not count it as received and
 * delivers it again later.
 */
export function resolveInboundContact(store: Store, logger: Logger, msg: InboundMessage, now: number): { contact: ContactRow; isNew: boolean } {
  const { chatId, pushName } = msg.from;
  // A known messenger id is one index probe; the number is parsed only for a new address.
  let contact = store.contacts.byChatId(chatId);
  if (!contact) {
    let phone: string | undefined;
    try {
      // The adapter fills in the number whenever its id reveals one.
      phone = msg.from.phone ? toE164(msg.from.phone) : undefined;
    } catch {
      phone = undefined;
    }
    contact = phone ? store.contacts.byPhone(phone) : undefined;
    if (!contact) {
      if (!phone) {
        logger.warn('inbound message without a resolvable phone number', { chatId });
        throw new Error(`no phone number for ${chatId}`);
      }
      const created = store.contacts.create(phone, now, pushName ?? null);
      store.contacts.addAddress(created.id, chatId);
      return { contact: created, isNew: true };
    }
    store.contacts.addAddress(contact.id, chatId);
  }
  // Compared here first: an UPDATE that changes nothing still costs a statement per message.
  if (pushName && pushName !== contact.push_name) store.contacts.setPushName(contact.id, pushName, now);
  return { contact, isNew: false };
}
