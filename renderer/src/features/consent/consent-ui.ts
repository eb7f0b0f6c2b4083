import type { ConsentEventView, ContactSummary, Purpose } from '@contract';

/**
 * Why staff may not write to a contact right now, derived from the consent
 * summary main sends with every contact. Main's send gate stays the authority;
 * this only spares staff typing a message that would be refused.
 */
export type LockKind = 'quarantine' | 'requested' | 'revoked' | 'expired' | 'none';
export interface ComposerLock {
  kind: LockKind;
  /** ISO time the reason began, when known. */
  since: string | null;
}

export function composerLock(contact: Pick<ContactSummary, 'consent' | 'quarantined' | 'quarantinedSince'>): ComposerLock | null {
  const { service, serviceSince } = contact.consent;
  if (service === 'granted') return null;
  // Held-back messages are the most concrete thing to tell staff: someone wrote and waits.
  if (contact.quarantined > 0 && service !== 'revoked') {
    return { kind: 'quarantine', since: contact.quarantinedSince ?? serviceSince };
  }
  switch (service) {
    case 'requested':
      return { kind: 'requested', since: serviceSince };
    case 'revoked':
      return { kind: 'revoked', since: serviceSince };
    case 'expired':
      return { kind: 'expired', since: serviceSince };
    default:
      return { kind: 'none', since: null };
  }
}

/** i18n key (under consentUi.lock) and whether it takes a date. */
export function lockTextKey(lock: ComposerLock, hasDate: boolean): string {
  if (lock.kind === 'none') return 'consentUi.lock.none';
  return hasDate ? `consentUi.lock.${lock.kind}` : `consentUi.lock.${lock.kind}NoDate`;
}

/** How an event came about, as an i18n key plus its reference. */
export function triggerText(event: Pick<ConsentEventView, 'trigger'>): { key: string; ref: string | null } {
  const ref = event.trigger.ref?.trim() || null;
  switch (event.trigger.kind) {
    case 'message':
      return { key: ref ? 'consentUi.history.triggerMessageRef' : 'consentUi.history.triggerMessage', ref };
    case 'import':
      return { key: ref ? 'consentUi.history.triggerImport' : 'consentUi.history.triggerImportNoRef', ref };
    case 'staff':
      return { key: 'consentUi.history.triggerStaff', ref: null };
    default:
      return { key: 'consentUi.history.triggerExpiry', ref: null };
  }
}

/** Short form of a SHA-256 hex digest for display; the full one goes in the tooltip. */
export const shortHash = (hash: string | null | undefined): string => (hash ? hash.slice(0, 10) : '');

/** The most recent event for a purpose (history comes oldest first). */
export function latestEvent(events: readonly ConsentEventView[], purpose: Purpose): ConsentEventView | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e && e.purpose === purpose) return e;
  }
  return null;
}

/** i18n key and ref describing how the latest change of a purpose happened ("by the customer's message"). */
export function howText(event: ConsentEventView | null): { key: string; ref: string | null } | null {
  if (!event) return null;
  const ref = event.trigger.ref?.trim() || null;
  switch (event.trigger.kind) {
    case 'message':
      return { key: 'consentUi.how.message', ref };
    case 'import':
      return { key: ref ? 'consentUi.how.import' : 'consentUi.how.importNoRef', ref };
    case 'staff':
      return { key: 'consentUi.how.staff', ref: event.actorName ?? '' };
    default:
      return { key: 'consentUi.how.expiry', ref: null };
  }
}

/** Newest first for the timeline: what happened last is what staff asks about. */
export const newestFirst = (events: readonly ConsentEventView[]): ConsentEventView[] =>
  [...events].sort((a, b) => b.id - a.id);
