import type { GateDecision } from '../consent-hooks';

/** Stable refusal reasons; the message is what staff read next to the locked composer. */
export const GATE_REASONS = {
  no_service_consent: 'no service consent: the customer has not (yet) agreed to the chat',
  consent_pending: 'consent requested: the customer has not confirmed yet',
  consent_revoked: 'the customer revoked consent (STOP); nothing may be sent',
  no_marketing_consent: 'no marketing consent (NEWSLETTER)',
  request_limit: 'the consent request was already sent in this period',
  not_exempt: 'this message is allowed only right after the request or the revocation',
} as const;
export type GateReason = keyof typeof GATE_REASONS;

export const refuse = (reason: GateReason): GateDecision => ({ allowed: false, reason, message: GATE_REASONS[reason] });
export const ALLOW: GateDecision = { allowed: true };
