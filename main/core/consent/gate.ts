import type { ConsentState, Purpose } from '../../contract';
import type { ConsentRepo } from '../../store/consent-repo';
import type { GateDecision, SendKind } from '../consent-hooks';
import { ALLOW, refuse } from './gate-reasons';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The send gate: may a message of this purpose and kind go to this contact
 * now? Consent texts are exempt only right after their trigger and within
 * their limits; everything else needs the consent its purpose calls for.
 */
export function decideGate(
repo: ConsentRepo,
rules: { requestIntervalHours: number; reoptInNoticeDays: number; now: number },
contactId: number,
purpose: Purpose,
kind: SendKind,
messageId?: number,
): GateDecision {
  const service = repo.state(contactId, 'service');
  // Only marketing and confirmations of a revocation ask for it (read once, when they do).
  let marketingRead: ConsentState | undefined;
  const marketing = () => (marketingRead ??= repo.state(contactId, 'marketing'));
  const now = rules.now;
  if (kind === 'consent_request') {
    if (purpose === 'service' ? service !== 'requested' : service !== 'granted' || marketing() !== 'requested') {
      return refuse('not_exempt');
    }
    // A request queued in the same moment as the STOP/expiry that ended the last cycle belongs to that cycle.
    const cycleStart = repo.lastEndOfCycle(contactId, purpose);
    const since = Math.max(now - rules.requestIntervalHours * HOUR + 1, cycleStart + 1);
    return repo.queuedSince(contactId, kind, purpose, since, messageId) > 0 ? refuse('request_limit') : ALLOW;
  }
  if (kind === 'consent_clarify') {
    if (purpose !== 'service' || service !== 'requested') return refuse('not_exempt');
    const requestedAt = repo.latestAt(contactId, 'service') ?? 0;
    return repo.queuedSince(contactId, kind, 'service', requestedAt, messageId) > 0 ? refuse('request_limit') : ALLOW;
  }
  if (kind === 'reopt_in_notice') {
    if (purpose !== 'service' || service !== 'revoked') return refuse('not_exempt');
    const since = now - rules.reoptInNoticeDays * DAY + 1;
    return repo.queuedSince(contactId, kind, 'service', since, messageId) > 0 ? refuse('request_limit') : ALLOW;
  }
  if (kind === 'revocation_confirmation') {
    const since = repo.lastRevocationAt(contactId);
    if (since === undefined || (service !== 'revoked' && marketing() !== 'revoked')) return refuse('not_exempt');
    return repo.queuedSince(contactId, kind, purpose, since, messageId) > 0 ? refuse('consent_revoked') : ALLOW;
  }
  if (kind === 'announcement' || purpose === 'marketing') {
    if (service === 'revoked') return refuse('consent_revoked');
    if (marketing() !== 'granted') return refuse('no_marketing_consent');
    return ALLOW;
  }
  if (service === 'granted') return ALLOW;
  if (service === 'revoked') return refuse('consent_revoked');
  if (service === 'requested') return refuse('consent_pending');
  return refuse('no_service_consent');
}
