import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import { SWEEP_SLICE } from '../../../main/core/consent/sweep';
import { Store } from '../../../main/store';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const DAY = 86_400_000;
let app: CreatedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A book left alone for a month: customers who never said JA, with their held-back messages. */
function leaveBacklog(dir: string, customers: number, messagesEach: number, at: number): void {
  const store = Store.open(dir);
  store.tx(() => {
    for (let i = 0; i < customers; i++) {
      const c = store.contacts.create(`+49151${String(2_000_000 + i)}`, at);
      const conversationId = store.messages.conversationIdOf(c.id)!;
      store.consent.append({ contactId: c.id, purpose: 'service', from: 'none', to: 'requested', triggerKind: 'message', triggerRef: null, policyVersion: null, policyHash: null, at });
      for (let k = 0; k < messagesEach; k++) {
        store.messages.insert({ conversationId, direction: 'in', type: 'text', body: `Frage ${i}/${k}`, author: 'customer', status: 'received', quarantined: true, createdAt: at + k });
      }
    }
  });
  store.close();
}

const held = (a: CreatedApp) => a.context.store.db.prepare('SELECT count(*) FROM messages WHERE quarantined = 1').pluck().get() as number;

describe('the quarantine sweep after a long break', () => {
  it('starts without waiting for the backlog: the first slice at once, the rest in the background, everything once', async () => {
    const dir = tempDir();
    const t0 = Date.UTC(2026, 9, 1, 9, 0);
    const customers = 600;
    const total = customers * 5;
    expect(total).toBeGreaterThan(4 * SWEEP_SLICE);
    leaveBacklog(dir, customers, 5, t0);

    const clock = new ManualClock(t0 + 30 * DAY);
    app = await createApp({ dataDir: dir, demo: true, logger: silentLogger, clock });
    // The start did one slice (or a few, if the start yielded), not the whole backlog.
    const atStart = held(app);
    expect(atStart).toBeGreaterThan(0);
    expect(atStart).toBeLessThanOrEqual(total - SWEEP_SLICE);
    // The app answers while the backlog is still being worked off.
    const r = (await app.dispatch('inbox.counts', {})) as { ok: boolean };
    expect(r.ok).toBe(true);

    await eventually(() => held(app!) === 0, 20_000);
    expect(app.context.store.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    const expired = app.context.store.db.prepare(`SELECT count(*) FROM consent_events WHERE to_state = 'expired'`).pluck().get();
    expect(expired).toBe(customers);
    // A sweep now finds nothing left: no message deleted twice, no request expired twice.
    expect(app.consent.sweep()).toEqual({ deletedMessages: 0, expired: 0 });
  });
});
