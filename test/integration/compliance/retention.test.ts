import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { newSession, type Session } from '../../../main/core/session';
import type { RetentionPreview } from '../../../main/contract';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const A = '+4915100000001'; // consented, with a photo
const B = '+4915100000002'; // never agreed
const C = '+4915100000003'; // said STOP
const D = '+4915100000004'; // consented, under legal hold
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);

let app: CreatedApp | undefined;
let owner: Session | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  owner = undefined;
});

async function ok<T>(method: string, input: unknown = {}): Promise<T> {
  if (!owner) {
    // In-process, as the scheduler runs retention: the months this test skips would auto-lock a window.
    owner = newSession({ trusted: true });
    const list = (await app!.dispatch('profiles.list', {}, owner)) as { value: { id: number }[] };
    await app!.dispatch('profiles.switch', { profileId: list.value[0]!.id, newPin: '2468' }, owner);
  }
  const r = (await app!.dispatch(method, input, owner)) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const group = (p: RetentionPreview, kind: string) => p.groups.find((g) => g.kind === kind)!;
const phones = (p: RetentionPreview, kind: string) => group(p, kind).contacts.map((c) => c.phone).sort();

async function setup() {
  const clock = new ManualClock();
  app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
  const sim = app.channel as SimulatorChannel;
  for (const p of [A, C, D]) {
    await sim.customerSends(p, 'START');
    await sim.customerSends(p, 'JA');
  }
  await sim.customerSends(A, { text: 'Foto', media: { data: PNG, mime: 'image/png' } });
  await sim.customerSends(B, 'Hallo?');
  await sim.customerSends(C, 'STOP');
  await sim.customerSends(D, 'Mein Rad');
  const id = (p: string) => app!.context.store.contacts.byPhone(p)?.id;
  await ok('compliance.setLegalHold', { contactId: id(D), hold: true, reason: 'Rechtsstreit' });
  await eventually(() => sim.phone(C).some((m) => m.direction === 'out' && /Widerruf/.test(m.text)));
  const count = (p: string) => app!.context.store.compliance.messageCount(id(p) ?? -1);
  return { clock, sim, id, count };
}

describe('retention', () => {
  it('the dry run lists what would go and deletes nothing; the scheduled job deletes it; legal hold is respected', async () => {
    const { clock, id, count } = await setup();
    const settings = await ok<{ chatContentDays: number }>('retention.get');
    expect(settings).toMatchObject({ chatContentDays: 365, mediaDays: 90, pendingContactsDays: 30, revokedContactsDays: 30, proofAfterRevocationDays: 1095 });

    expect(group(await ok<RetentionPreview>('retention.preview'), 'pending_contacts').count).toBe(0);
    clock.advance(31 * DAY);
    const before = await ok<RetentionPreview>('retention.preview');
    expect(phones(before, 'pending_contacts')).toEqual([B]);
    expect(phones(before, 'revoked_content')).toEqual([C]);
    expect(group(before, 'chat_content').count).toBe(0);
    expect(before.held).toBe(1);
    // Nothing was deleted by looking.
    expect(id(B)).toBeDefined();
    expect(count(C)).toBeGreaterThan(0);

    // The job is persisted and runs at its hour; the clock moved past it.
    expect(app!.context.store.jobs.byKey('compliance:retention')).toBeDefined();
    await app!.context.scheduler.runDue();
    expect(id(B)).toBeUndefined();
    expect(id(C)).toBeDefined();
    expect(count(C)).toBe(0);
    expect(app!.consent.history(id(C)!).map((e) => e.to)).toContain('revoked');
    expect(count(A)).toBeGreaterThan(0);
    expect(app!.context.store.jobs.byKey('compliance:retention')!.run_at).toBeGreaterThan(clock.now());

    clock.advance(60 * DAY); // day 91: A's photo goes, the message stays
    expect(group(await ok<RetentionPreview>('retention.preview'), 'media').contacts.map((c) => c.phone)).toEqual([A]);
    const files = await ok<{ files: number }>('retention.run');
    expect(files.files).toBe(1);
    expect(count(A)).toBeGreaterThan(0);

    clock.advance(300 * DAY); // past a year: chat content goes, except under legal hold
    const year = await ok<RetentionPreview>('retention.preview');
    expect(phones(year, 'chat_content')).toEqual([A]);
    await ok('retention.run');
    expect(count(A)).toBe(0);
    expect(count(D)).toBeGreaterThan(0);

    clock.advance(800 * DAY); // past three years after STOP: the proof goes, the chain still verifies
    expect(phones(await ok<RetentionPreview>('retention.preview'), 'revoked_proof')).toEqual([C]);
    await ok('retention.run');
    expect(id(C)).toBeUndefined();
    expect(id(D)).toBeDefined();
    expect(app!.consent.verify()).toMatchObject({ ok: true });
    // A second run finds nothing more.
    expect(await ok('retention.run')).toMatchObject({ messages: 0, notes: 0, files: 0, contacts: 0 });
  });

  it('periods are validated; 0 keeps', async () => {
    await setup();
    const bad = (await app!.dispatch('retention.update', { patch: { mediaDays: -1 } }, owner)) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    await ok('retention.update', { patch: { pendingContactsDays: 0 } });
    const p = await ok<RetentionPreview>('retention.preview');
    expect(group(p, 'pending_contacts')).toMatchObject({ days: 0, count: 0 });
  });
});
