import { describe, expect, it } from 'vitest';
import type { ConsentEventView, ContactSummary } from '@contract';
import {
  composerLock,
  howText,
  latestEvent,
  lockTextKey,
  newestFirst,
  shortHash,
  triggerText,
} from '../../../renderer/src/features/consent/consent-ui';

type LockInput = Pick<ContactSummary, 'consent' | 'quarantined' | 'quarantinedSince'>;

const contact = (over: Partial<LockInput['consent']> = {}, quarantined = 0, quarantinedSince: string | null = null): LockInput => ({
  consent: { service: 'none', marketing: 'none', serviceSince: null, marketingSince: null, ...over },
  quarantined,
  quarantinedSince,
});

const event = (id: number, over: Partial<ConsentEventView> = {}): ConsentEventView => ({
  id,
  contactId: 1,
  purpose: 'service',
  from: 'none',
  to: 'requested',
  trigger: { kind: 'message', ref: `wamid.${id}` },
  policyVersion: 1,
  policyHash: 'a'.repeat(64),
  at: '2026-03-01T10:00:00.000Z',
  hash: 'b'.repeat(64),
  ...over,
});

describe('composerLock', () => {
  it('lets staff write only with granted service consent', () => {
    expect(composerLock(contact({ service: 'granted', serviceSince: '2026-03-01T10:00:00Z' }))).toBeNull();
    // Marketing alone never opens the chat.
    expect(composerLock(contact({ service: 'none', marketing: 'granted' }))).toEqual({ kind: 'none', since: null });
  });

  it('says since when a requested consent waits', () => {
    expect(composerLock(contact({ service: 'requested', serviceSince: '2026-03-01T10:00:00Z' }))).toEqual({
      kind: 'requested',
      since: '2026-03-01T10:00:00Z',
    });
  });

  it('prefers the quarantine (someone wrote and waits) with its own date', () => {
    expect(
      composerLock(contact({ service: 'requested', serviceSince: '2026-03-01T10:00:00Z' }, 3, '2026-03-01T09:59:00Z')),
    ).toEqual({ kind: 'quarantine', since: '2026-03-01T09:59:00Z' });
    // No quarantine date: the request's date stands in.
    expect(composerLock(contact({ service: 'requested', serviceSince: '2026-03-01T10:00:00Z' }, 1, null))).toEqual({
      kind: 'quarantine',
      since: '2026-03-01T10:00:00Z',
    });
  });

  it('reports a revocation as revoked even when messages are held back', () => {
    expect(composerLock(contact({ service: 'revoked', serviceSince: '2026-03-02T08:00:00Z' }, 2, '2026-03-02T09:00:00Z'))).toEqual({
      kind: 'revoked',
      since: '2026-03-02T08:00:00Z',
    });
  });

  it('reports expiry', () => {
    expect(composerLock(contact({ service: 'expired', serviceSince: '2026-03-04T08:00:00Z' }))?.kind).toBe('expired');
  });
});

describe('lockTextKey', () => {
  it('uses the dated sentence only when a date is known', () => {
    expect(lockTextKey({ kind: 'revoked', since: 'x' }, true)).toBe('consentUi.lock.revoked');
    expect(lockTextKey({ kind: 'revoked', since: null }, false)).toBe('consentUi.lock.revokedNoDate');
    expect(lockTextKey({ kind: 'none', since: null }, false)).toBe('consentUi.lock.none');
  });
});

describe('history helpers', () => {
  it('names the trigger with its reference', () => {
    expect(triggerText(event(1))).toEqual({ key: 'consentUi.history.triggerMessageRef', ref: 'wamid.1' });
    expect(triggerText(event(2, { trigger: { kind: 'message', ref: null } }))).toEqual({
      key: 'consentUi.history.triggerMessage',
      ref: null,
    });
    expect(triggerText(event(3, { trigger: { kind: 'import', ref: 'Formular, 2024-03-01' } }))).toEqual({
      key: 'consentUi.history.triggerImport',
      ref: 'Formular, 2024-03-01',
    });
    expect(triggerText(event(4, { trigger: { kind: 'import', ref: '  ' } })).key).toBe('consentUi.history.triggerImportNoRef');
    expect(triggerText(event(5, { trigger: { kind: 'expiry', ref: 'ignored' } }))).toEqual({
      key: 'consentUi.history.triggerExpiry',
      ref: null,
    });
  });

  it('finds the latest event per purpose in an oldest-first history', () => {
    const events = [
      event(1),
      event(2, { from: 'requested', to: 'granted' }),
      event(3, { purpose: 'marketing', to: 'requested' }),
      event(4, { from: 'granted', to: 'revoked', trigger: { kind: 'message', ref: 'stop' } }),
    ];
    expect(latestEvent(events, 'service')?.id).toBe(4);
    expect(latestEvent(events, 'marketing')?.id).toBe(3);
    expect(latestEvent([event(1)], 'marketing')).toBeNull();
    expect(howText(latestEvent(events, 'service'))).toEqual({ key: 'consentUi.how.message', ref: 'stop' });
    expect(howText(event(9, { trigger: { kind: 'import', ref: 'CRM' } }))).toEqual({ key: 'consentUi.how.import', ref: 'CRM' });
    expect(howText(null)).toBeNull();
  });

  it('orders the timeline newest first without touching the input', () => {
    const events = [event(1), event(2), event(3)];
    expect(newestFirst(events).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('shortens hashes for display', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789');
    expect(shortHash(null)).toBe('');
  });
});
