import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../renderer/src/api/client';
import { createConsentActions } from '../../../renderer/src/features/consent/actions';
import { busyKey, IDLE, useConsentBusy } from '../../../renderer/src/features/consent/busy-store';

// The app's own client needs a window; these tests hand the actions a held one.
vi.mock('../../../renderer/src/api', () => ({ api: {} }));

/** A client whose answers the test releases by hand, so "while busy" is a state, not a timing. */
function heldClient() {
  const calls: { method: string; input: unknown }[] = [];
  const pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const client = {
    call(method: string, input: unknown) {
      calls.push({ method, input });
      if (method === 'consent.history') return Promise.resolve([]);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    on: () => () => {},
    onConnection: () => () => {},
    connection: () => 'open' as const,
  } as unknown as ApiClient;
  return { client, calls, pending };
}

const entry = (kind: 'revocation' | 'pdf', id: number) => useConsentBusy.getState().byKey[busyKey(kind, id)] ?? IDLE;
const revocation = { contactId: 7, method: 'in_person' as const, recordedBy: 'Anna' };

beforeEach(() => useConsentBusy.setState({ byKey: {} }));

describe('the consent panel busy store', () => {
  it('begin refuses a second start of the same action for the same contact, not for another contact or action', () => {
    const s = useConsentBusy.getState();
    expect(s.begin('revocation', 1)).toBe(true);
    expect(s.begin('revocation', 1)).toBe(false);
    expect(s.begin('revocation', 2)).toBe(true);
    expect(s.begin('pdf', 1)).toBe(true);
    s.finish('revocation', 1);
    expect(entry('revocation', 1)).toEqual(IDLE);
    expect(s.begin('revocation', 1)).toBe(true);
  });

  it('a second revocation click while the first is saving is ignored: one call to main', async () => {
    const { client, calls, pending } = heldClient();
    const actions = createConsentActions(client);
    const first = actions.recordRevocation(revocation);
    expect(entry('revocation', 7).busy).toBe(true);
    expect(await actions.recordRevocation(revocation)).toBe('ignored');
    expect(calls.filter((c) => c.method === 'consent.recordRevocation')).toHaveLength(1);
    // Whoever looks now (a reopened panel) sees it is still saving.
    expect(entry('revocation', 7)).toEqual({ busy: true, error: null });
    pending[0]!.resolve({});
    expect(await first).toBe('done');
    expect(entry('revocation', 7)).toEqual(IDLE);
    expect(calls.map((c) => c.method)).toEqual(['consent.recordRevocation', 'consent.history']);
  });

  it('a failure is kept in the store until the next attempt, which may start again', async () => {
    const { client, calls, pending } = heldClient();
    const actions = createConsentActions(client);
    const first = actions.recordRevocation(revocation);
    pending[0]!.reject({ code: 'validation', message: 'recordedBy: required' });
    expect(await first).toBe('failed');
    expect(entry('revocation', 7)).toMatchObject({ busy: false, error: { code: 'validation' } });
    const second = actions.recordRevocation(revocation);
    expect(entry('revocation', 7)).toEqual({ busy: true, error: null });
    pending[1]!.resolve({});
    expect(await second).toBe('done');
    expect(calls.filter((c) => c.method === 'consent.recordRevocation')).toHaveLength(2);
  });

  it('the proof PDF: a second click while it is being made is ignored; a failure is shown', async () => {
    const { client, calls, pending } = heldClient();
    const actions = createConsentActions(client);
    const first = actions.downloadProofPdf(7);
    expect(await actions.downloadProofPdf(7)).toBe('ignored');
    expect(calls.filter((c) => c.method === 'consent.proofPdf')).toHaveLength(1);
    expect(entry('pdf', 7).busy).toBe(true);
    pending[0]!.reject({ code: 'not_found', message: 'Kontakt nicht gefunden.' });
    expect(await first).toBe('failed');
    expect(entry('pdf', 7)).toMatchObject({ busy: false, error: { code: 'not_found' } });
  });
});
