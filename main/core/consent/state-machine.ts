import type { ConsentState, ConsentTriggerKind, Purpose } from '../../contract';

export type TriggerKind = ConsentTriggerKind;

export interface Transition {
  purpose: Purpose;
  from: ConsentState;
  to: ConsentState;
  trigger: { kind: TriggerKind; ref: string | null };
  at: number;
}

export class ConsentTransitionError extends Error {
  override name = 'ConsentTransitionError';
}

/**
 * The allowed moves. A customer's consent only ever comes from the customer:
 * none → granted exists solely for an import that carries its proof.
 * revoked/expired → requested is a new double opt-in after a later START.
 * Staff can only ever revoke.
 */
const ALLOWED: Record<ConsentState, readonly ConsentState[]> = {
  none: ['requested', 'granted'],
  requested: ['granted', 'expired', 'revoked'],
  granted: ['revoked'],
  revoked: ['requested'],
  expired: ['requested'],
};

export function canTransition(from: ConsentState, to: ConsentState, trigger: TriggerKind): boolean {
  if (!ALLOWED[from].includes(to)) return false;
  if (from === 'none' && to === 'granted') return trigger === 'import';
  if (to === 'expired') return trigger === 'expiry';
  if (trigger === 'expiry') return false;
  if (trigger === 'staff') return to === 'revoked';
  if (trigger === 'import') return from === 'none' && to === 'granted';
  return true;
}

/** Validates one step; the clock is the caller's (injected), never read here. */
export function transition(
  purpose: Purpose,
  from: ConsentState,
  to: ConsentState,
  trigger: { kind: TriggerKind; ref: string | null },
  at: number,
): Transition {
  if (!canTransition(from, to, trigger.kind)) {
    throw new ConsentTransitionError(`consent ${purpose}: ${from} → ${to} is not allowed (trigger ${trigger.kind})`);
  }
  if (trigger.kind === 'import' && !trigger.ref) {
    throw new ConsentTransitionError('an import needs its proof reference');
  }
  return { purpose, from, to, trigger, at };
}
