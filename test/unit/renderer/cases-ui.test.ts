import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../../main/contract';
import type { ApiClient } from '../../../renderer/src/api/client';
import { createCaseActions } from '../../../renderer/src/features/cases/actions';
import { localInputToIso, notificationKey } from '../../../renderer/src/features/cases/case-ui';
import { DEFAULT_FILTER, useCases } from '../../../renderer/src/features/cases/cases-store';
import { de } from '../../../renderer/src/features/cases/i18n/de';

// The app's own client needs a window; these tests hand the actions a fake one.
vi.mock('../../../renderer/src/api', () => ({ api: {} }));

const view = (id: string, over: Partial<CaseView> = {}): CaseView => ({
  id,
  number: `REP-2026-${id.padStart(4, '0')}`,
  type: 'repair',
  status: 'received',
  phone: '+4915112345678',
  contactId: 7,
  customerName: null,
  title: '',
  reference: null,
  promisedAt: null,
  pickupUntil: null,
  carrier: null,
  trackingNumber: null,
  trackingLink: null,
  appointmentAt: null,
  open: true,
  overdue: false,
  notification: null,
  canSendCurrent: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

function fakeClient(pages: Record<string, { items: CaseView[]; next: string | null }>) {
  const calls: { method: string; input: unknown }[] = [];
  const listeners: ((v: CaseView) => void)[] = [];
  const client = {
    async call(method: string, input: Record<string, unknown>) {
      calls.push({ method, input });
      if (method === 'cases.list') return pages[String(input.cursor ?? '')]!;
      throw new Error(`unexpected ${method}`);
    },
    on(_event: string, fn: (v: CaseView) => void) {
      listeners.push(fn);
      return () => {};
    },
    onConnection: () => () => {},
    connection: () => 'open' as const,
  } as unknown as ApiClient;
  return { client, calls, emit: (v: CaseView) => listeners.forEach((l) => l(v)) };
}

beforeEach(() => {
  useCases.setState({ byId: {}, details: {}, byContact: {}, filter: DEFAULT_FILTER, listIds: [], next: null, listLoading: false, listError: null, settings: null });
});

describe('cases in the UI', () => {
  it('says "nicht benachrichtigt – keine Einwilligung" for every consent reason, and other words for the rest', () => {
    for (const reason of ['no_contact', 'no_service_consent', 'consent_pending', 'consent_revoked']) {
      expect(notificationKey({ state: 'not_sent', reason })).toBe('cases.notification.consent');
    }
    expect(de.cases.notification.consent).toBe('nicht benachrichtigt – keine Einwilligung');
    expect(notificationKey({ state: 'queued', messageId: 1 })).toBe('cases.notification.queued');
    expect(notificationKey({ state: 'not_sent', reason: 'not_requested' })).toBe('cases.notification.not_requested');
    expect(notificationKey(null)).toBeNull();
  });

  it('turns a datetime-local value into ISO 8601, and nothing into nothing', () => {
    expect(localInputToIso('2030-01-02T15:30')).toMatch(/^2030-01-0[12]T\d\d:30:00\.000Z$/);
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('kaputt')).toBeUndefined();
  });

  it('pages the Cases view with the filter and the cursor, and keeps rows current from events', async () => {
    const { client, calls, emit } = fakeClient({
      '': { items: [view('1'), view('2')], next: 'c1' },
      c1: { items: [view('3')], next: null },
    });
    const actions = createCaseActions(client);
    await actions.setFilter({ type: 'repair', overdue: true });
    expect(calls[0]).toEqual({ method: 'cases.list', input: { type: 'repair', overdue: true, open: true, limit: 50 } });
    await actions.loadList(true);
    expect(calls[1]!.input).toMatchObject({ cursor: 'c1' });
    expect(useCases.getState().listIds).toEqual(['1', '2', '3']);
    expect(useCases.getState().next).toBeNull();

    actions.watch();
    emit(view('2', { status: 'ready' }));
    expect(useCases.getState().byId['2']!.status).toBe('ready');
    // A case that reaches a customer joins that customer's panel list, newest first.
    emit(view('9', { contactId: 7 }));
    expect(useCases.getState().byContact[7]).toEqual(['9', '2']);
    emit(view('10', { contactId: null }));
    expect(useCases.getState().byContact[7]).toEqual(['9', '2']);
  });
});
