import { describe, expect, it } from 'vitest';
import { Store } from '../../../main/store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

/**
 * A new customer's first message waits for consent (quarantined) and Tresen
 * has sent the consent request. Staff must still see that someone wrote: the
 * conversation is open and listed in "all open" in every order, and counted.
 */
function firstMessageAwaitingConsent(store: Store): number {
  return store.tx(() => {
    const c = store.contacts.create('+4915112345678', T0, null);
    const conversationId = store.messages.conversationIdOf(c.id)!;
    store.messages.insert({ conversationId, direction: 'in', type: 'text', body: 'Ist mein Paket da?', author: 'customer', status: 'received', quarantined: true, createdAt: T0 + 1 });
    store.messages.insert({ conversationId, direction: 'out', type: 'text', body: 'Dürfen wir Ihnen schreiben? Antworten Sie JA.', author: 'system', status: 'queued', createdAt: T0 + 2 });
    return conversationId;
  });
}

describe('the inbox list and a first message that waits for consent', () => {
  it('lists the conversation in "all open" in both orders, with its waiting message counted', () => {
    const store = Store.open(tempDir());
    const id = firstMessageAwaitingConsent(store);
    for (const order of ['waiting', 'activity'] as const) {
      const { rows } = store.inbox.page({ status: 'open' }, order, undefined, 50);
      expect(rows.map((r) => r.conversation_id), order).toEqual([id]);
      expect(rows[0]?.quarantined).toBe(1);
    }
    expect(store.inbox.page({ status: 'open', assigneeId: null }, 'waiting', undefined, 50).rows).toHaveLength(1);
    expect(store.inbox.counts(null).byStatus['open']).toBe(1);
    expect(store.inbox.counts(null).unassigned).toBe(1);
    store.close();
  });
});
