import { describe, expect, it } from 'vitest';
import { canTransition, ConsentTransitionError, transition } from '../../../../main/core/consent/state-machine';
import type { ConsentState } from '@contract';

const STATES: ConsentState[] = ['none', 'requested', 'granted', 'revoked', 'expired'];
const msg = { kind: 'message' as const, ref: 'wa-1' };

describe('consent state machine', () => {
  it('allows exactly the documented moves for a customer message', () => {
    const allowed = STATES.flatMap((f) => STATES.filter((t) => canTransition(f, t, 'message')).map((t) => `${f}>${t}`));
    expect(allowed.sort()).toEqual(
      ['none>requested', 'requested>granted', 'requested>revoked', 'granted>revoked', 'revoked>requested', 'expired>requested'].sort(),
    );
  });

  it('never grants straight from none on a message (double opt-in), only by an import with proof', () => {
    expect(() => transition('service', 'none', 'granted', msg, 1)).toThrow(ConsentTransitionError);
    expect(() => transition('service', 'none', 'granted', { kind: 'import', ref: null }, 1)).toThrow(/proof/);
    expect(transition('service', 'none', 'granted', { kind: 'import', ref: 'Formular@2025-01-01' }, 5)).toEqual({
      purpose: 'service',
      from: 'none',
      to: 'granted',
      trigger: { kind: 'import', ref: 'Formular@2025-01-01' },
      at: 5,
    });
    expect(canTransition('revoked', 'granted', 'import')).toBe(false);
  });

  it('expiry only moves requested → expired, and nothing else reaches expired', () => {
    expect(canTransition('requested', 'expired', 'expiry')).toBe(true);
    expect(canTransition('requested', 'expired', 'message')).toBe(false);
    expect(canTransition('granted', 'expired', 'expiry')).toBe(false);
    expect(canTransition('requested', 'granted', 'expiry')).toBe(false);
  });

  it('rejects revoking what was never given and staying in place', () => {
    for (const s of STATES) expect(canTransition(s, s, 'message')).toBe(false);
    expect(() => transition('marketing', 'none', 'revoked', msg, 1)).toThrow(/none → revoked/);
  });
});
