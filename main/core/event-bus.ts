import type { EventName, EventPayload } from '../contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

type Held = { event: EventName; payload: unknown };

/** Fan-out of push events to every connected UI (IPC window, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private held: Held[] | undefined;

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.held) {
      this.held.push({ event, payload });
      return;
    }
    this.send(event, payload);
  }

  /**
   * Runs fn with its events held back, then sends them coalesced (a batch of
   * inbound messages): every `message.added` in one `messages.added` (oldest
   * first; a single one stays `message.added`), a message's updates folded
   * into it, and of each contact's `contact.updated` and
   * `conversation.changed` only the last. Other events keep their order.
   * Nested calls join the outer batch.
   */
  hold<T>(fn: () => T): T {
    if (this.held) return fn();
    this.held = [];
    try {
      return fn();
    } finally {
      const held = this.held;
      this.held = undefined;
      this.flush(held);
    }
  }

  /** Inside hold(): a mark in the held events, for dropHeldSince. */
  heldMark(): number {
    return this.held?.length ?? 0;
  }

  /** Inside hold(): drops the events held since the mark (what a rolled-back attempt announced). */
  dropHeldSince(mark: number): void {
    this.held?.splice(mark);
  }

  private flush(held: Held[]): void {
    const added = new Map<number, unknown>();
    const updated = new Map<number, unknown>();
    const lastOf = new Map<string, Held>();
    const others: Held[] = [];
    for (const h of held) {
      const id = (h.payload as { id?: number }).id;
      if (h.event === 'message.added' && typeof id === 'number') {
        added.delete(id);
        added.set(id, h.payload);
      } else if (h.event === 'messages.added') {
        for (const m of (h.payload as { messages: { id: number }[] }).messages) added.set(m.id, m);
      } else if (h.event === 'message.updated' && typeof id === 'number') {
        if (added.has(id)) added.set(id, h.payload);
        else {
          updated.delete(id);
          updated.set(id, h.payload);
        }
      } else if ((h.event === 'contact.updated' || h.event === 'conversation.changed') && typeof id === 'number') {
        const key = `${h.event}:${id}`;
        lastOf.delete(key);
        lastOf.set(key, h);
      } else others.push(h);
    }
    for (const h of others) this.send(h.event, h.payload as never);
    const messages = [...added.values()].sort((a, b) => (a as { id: number }).id - (b as { id: number }).id);
    if (messages.length === 1) this.send('message.added', messages[0] as never);
    else if (messages.length > 1) this.send('messages.added', { messages } as never);
    for (const m of updated.values()) this.send('message.updated', m as never);
    for (const h of lastOf.values()) this.send(h.event, h.payload as never);
  }

  private send<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A broken listener (closed socket) must not stop the others.
      }
    }
  }
}
