import { describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import { berlin, seedStats } from '../../helpers/stats-seed';
import { ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

async function call<T>(a: CreatedApp, method: string, input: unknown): Promise<T> {
  const r = await a.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

interface Page {
  items: { phone: string; source: string; state: string; since: string }[];
  next: string | null;
  counts: { all: number; customer: number; import: number; staff: number };
}

describe('the consent review (manager.contacts, manager.proof)', () => {
  it('lists current consents newest first with counts per source, filters by purpose, date and source, and pages by keyset', async () => {
    const app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock: new ManualClock() });
    try {
      seedStats(app.context.store);
      const all = await call<Page>(app, 'manager.contacts', { purpose: 'service' });
      // A, B, E hold service consent (customer); C's was revoked by staff; D only asked.
      expect(all.items.map((i) => i.phone)).toEqual(['+4915100000005', '+4915100000002', '+4915100000001']);
      expect(all.counts).toEqual({ all: 3, customer: 3, import: 0, staff: 1 });
      expect(all.next).toBeNull();

      const staff = await call<Page>(app, 'manager.contacts', { purpose: 'service', source: 'staff' });
      expect(staff.items).toMatchObject([{ phone: '+4915100000003', state: 'revoked', source: 'staff', since: new Date(berlin(2026, 3, 29, 15)).toISOString() }]);
      expect(await call<Page>(app, 'manager.contacts', { purpose: 'service', source: 'import' })).toMatchObject({ items: [] });

      // Since 29 March (shop time): B (00:30 that day) and E, not A (20 March).
      const since = await call<Page>(app, 'manager.contacts', { purpose: 'service', since: '2026-03-29' });
      expect(since.items.map((i) => i.phone)).toEqual(['+4915100000005', '+4915100000002']);
      expect(since.counts).toEqual({ all: 2, customer: 2, import: 0, staff: 1 });

      // Marketing: A revoked by STOP, so nobody holds it.
      expect((await call<Page>(app, 'manager.contacts', { purpose: 'marketing' })).counts.all).toBe(0);

      // Keyset pages of one: the same rows, in the same order, then the end.
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page: Page = await call<Page>(app, 'manager.contacts', { purpose: 'service', limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((x) => x.phone));
        if (!page.next) break;
        cursor = page.next;
      }
      expect(seen).toEqual(all.items.map((i) => i.phone));

      const bad = await app.dispatch('manager.contacts', { purpose: 'service', cursor: 'nope' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'cursor' } });
      const badDate = await app.dispatch('manager.contacts', { purpose: 'service', since: '2026-13-01' });
      expect(badDate).toMatchObject({ ok: false, error: { code: 'validation', field: 'since' } });
    } finally {
      await app.close();
    }
  });

  it("manager.proof answers the contact and its consent events for the proof drawer; an unknown contact is not_found", async () => {
    const app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock: new ManualClock() });
    try {
      seedStats(app.context.store);
      const id = app.context.store.contacts.byPhone('+4915100000003')!.id;
      const proof = await call<{ contact: { phone: string }; events: { to: string; trigger: { kind: string } }[] }>(app, 'manager.proof', { contactId: id });
      expect(proof.contact.phone).toBe('+4915100000003');
      expect(proof.events.map((e) => [e.to, e.trigger.kind])).toEqual([
        ['granted', 'import'],
        ['revoked', 'staff'],
      ]);
      expect(await app.dispatch('manager.proof', { contactId: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await app.close();
    }
  });
});
