import { randomUUID } from 'node:crypto';
import type { SimPhoneMessage } from '../contract';
import type { Clock } from '../runtime';
import { defaultChatId } from '../core/phone';
import { SendCancelledError, type Channel, type ChannelEvents, type ChannelState, type OutboundMessage } from '../core/channel';

/** Where the simulated phones keep what they show and which keys they delivered (the demo database). */
export interface SimPhonePersistence {
  all(): { phone: string; direction: 'in' | 'out'; text: string; at: string }[];
  append(row: { phone: string } & SimPhoneMessage): void;
  deliveredKey(idempotencyKey: string): string | undefined;
  deliver(idempotencyKey: string, externalId: string, row: { phone: string } & SimPhoneMessage): void;
}

/**
 * Demo/training channel: simulated customers whose phones are kept in the
 * demo database (in memory when none is given), so a restart neither forgets
 * them nor delivers a repeated idempotency key twice.
 * Staff (or tests) drive a phone through `customerSends`; what the shop sends
 * lands on the phone. It behaves like the real line from the app's side:
 * inbound goes through the same handler and acks arrive asynchronously.
 */
export class SimulatorChannel implements Channel {
  readonly kind = 'simulator' as const;
  private handlers: Partial<ChannelEvents> = {};
  private current: ChannelState = { state: 'starting' };
  private readonly phones = new Map<string, SimPhoneMessage[]>();
  private readonly sentKeys = new Map<string, string>();
  private readonly pendingAcks = new Set<NodeJS.Timeout>();
  /** Notified for each new item on a phone (for the live "Customer phone" panel). */
  onPhoneMessage: (phone: string, message: SimPhoneMessage) => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly persistence?: SimPhonePersistence,
  ) {
    for (const { phone, ...m } of persistence?.all() ?? []) {
      const list = this.phones.get(phone) ?? [];
      list.push(m);
      this.phones.set(phone, list);
    }
  }

  async start(): Promise<void> {
    this.setState({ state: 'connected' });
  }

  async stop(): Promise<void> {
    // Acks still in flight would reach an app that has closed its database.
    for (const t of this.pendingAcks) clearTimeout(t);
    this.pendingAcks.clear();
    this.setState({ state: 'disconnected', reason: 'stopped' });
  }

  state(): ChannelState {
    return this.current;
  }

  setHandlers(handlers: Partial<ChannelEvents>): void {
    this.handlers = { ...this.handlers, ...handlers };
  }

  /** A simulated customer (E.164) writes to the shop. Resolves once the shop committed it. */
  async customerSends(phone: string, text: string): Promise<void> {
    this.append(phone, { direction: 'in', text, at: new Date(this.clock.now()).toISOString() });
    await this.handlers.message?.({
      externalId: `sim-${randomUUID()}`,
      from: { phone, chatId: defaultChatId(phone) },
      type: 'text',
      body: text,
      sentAt: this.clock.now(),
    });
  }

  async send(msg: OutboundMessage): Promise<{ externalId: string }> {
    // Same idempotency key twice → the phone shows it once.
    const known = this.sentKeys.get(msg.idempotencyKey) ?? this.persistence?.deliveredKey(msg.idempotencyKey);
    if (known) return { externalId: known };
    if (msg.mayStillSend && !msg.mayStillSend()) throw new SendCancelledError('consent withdrawn');
    const phone = msg.to.phone;
    if (!phone) throw new Error('simulator: recipient has no phone number');
    const externalId = `sim-out-${randomUUID()}`;
    // The simulated phone shows text only; a file appears as its name, like a notification would.
    const text = msg.media ? `📎 ${msg.media.fileName ?? msg.type}${msg.body ? ` — ${msg.body}` : ''}` : msg.body;
    const item: SimPhoneMessage = { direction: 'out', text, at: new Date(this.clock.now()).toISOString() };
    // The phone shows it and remembers the key in one step: a crash cannot split the two.
    if (this.persistence) this.persistence.deliver(msg.idempotencyKey, externalId, { phone, ...item });
    else this.sentKeys.set(msg.idempotencyKey, externalId);
    this.show(phone, item);
    // The phone confirms delivery shortly after, like the real network.
    const timer = setTimeout(() => {
      this.pendingAcks.delete(timer);
      this.handlers.ack?.({ externalId, state: 'delivered' });
    }, 50);
    timer.unref?.();
    this.pendingAcks.add(timer);
    return { externalId };
  }

  /** What the customer's phone holds, oldest first ([] for a phone never used). */
  phone(phone: string): SimPhoneMessage[] {
    return [...(this.phones.get(phone) ?? [])];
  }

  customers(): { phone: string; messages: SimPhoneMessage[] }[] {
    return [...this.phones.entries()].map(([phone, messages]) => ({ phone, messages: [...messages] }));
  }

  private append(phone: string, m: SimPhoneMessage): void {
    this.persistence?.append({ phone, ...m });
    this.show(phone, m);
  }

  private show(phone: string, m: SimPhoneMessage): void {
    const list = this.phones.get(phone) ?? [];
    list.push(m);
    this.phones.set(phone, list);
    this.onPhoneMessage(phone, m);
  }

  private setState(s: ChannelState): void {
    this.current = s;
    this.handlers.state?.(s);
  }
}
