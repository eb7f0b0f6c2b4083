import { phoneFromDigits } from '../../core/phone';
import type { ChannelAddress } from '../../core/channel';
import { pushNameOf, type WaMessageFields } from './map-message';
import { isLidChatId, phoneFromChatId } from './wa-ids';
import { SEEN_LIMIT, errText, withTimeout, type LineShared, type WaClient } from './wa-client';

const LID_MISS_MS = 10 * 60_000;

/**
 * Who wrote: the phone number behind a chat id. A phone id carries it; an
 * @lid id is looked up through the library once and remembered, and a
 * failed lookup is not repeated for LID_MISS_MS (each miss can cost two call
 * deadlines inside the serial inbound queue).
 */
export class AddressResolver {
  private readonly phones = new Map<string, string>();
  /** @lid ids whose phone could not be found, and until when not to ask again. */
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly s: LineShared,
    private readonly line: { readonly client: WaClient | undefined },
  ) {}

  /** The phone already known for an @lid id (no lookup). */
  knownPhone(chatId: string): string | undefined {
    return this.phones.get(chatId);
  }

  /** Phone and chat id together, so the app can keep the @lid and phone ids of one person as one contact. */
  async resolve(chatId: string, m: WaMessageFields): Promise<ChannelAddress> {
    const addr: ChannelAddress = { chatId };
    const pushName = pushNameOf(m);
    if (pushName) addr.pushName = pushName;
    const direct = phoneFromChatId(chatId);
    if (direct) {
      addr.phone = direct;
      return addr;
    }
    if (!isLidChatId(chatId)) return addr;
    const cached = this.phones.get(chatId);
    if (cached) {
      addr.phone = cached;
      return addr;
    }
    const client = this.line.client;
    if (!client) return addr;
    const missUntil = this.misses.get(chatId);
    if (missUntil !== undefined && missUntil > this.s.o.clock.now()) return addr;
    let phone: string | undefined;
    if (typeof client.getContactLidAndPhone === 'function') {
      try {
        const [r] = await withTimeout(client.getContactLidAndPhone([chatId]), this.s.t.callMs, 'getContactLidAndPhone');
        phone = phoneFromChatId(r?.pn);
      } catch (err) {
        this.s.o.logger.warn('whatsapp: lid lookup failed', { error: errText(err) });
      }
    }
    if (!phone) {
      try {
        const contact = await withTimeout(client.getContactById(chatId), this.s.t.callMs, 'getContactById');
        const lidUser = chatId.split('@')[0];
        if (contact?.number && contact.number !== lidUser) phone = phoneFromDigits(contact.number);
      } catch (err) {
        this.s.o.logger.warn('whatsapp: contact lookup failed', { error: errText(err) });
      }
    }
    if (phone) {
      this.phones.set(chatId, phone);
      this.misses.delete(chatId);
      addr.phone = phone;
    } else {
      if (this.misses.size > SEEN_LIMIT) this.misses.clear();
      this.misses.set(chatId, this.s.o.clock.now() + LID_MISS_MS);
    }
    return addr;
  }
}
