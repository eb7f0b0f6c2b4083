import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CaseType } from '../../../../main/contract/cases';
import { checkTransition, isClosed, movesFrom } from '../../../../main/core/cases/transitions';

describe('transition tables', () => {
  it('repair: forward skips are allowed, collected only from ready, back needs a note', () => {
    expect(movesFrom('repair', 'received')).toEqual({ next: ['diagnosing', 'waiting_for_parts', 'ready'], back: [] });
    expect(checkTransition('repair', 'received', 'ready', false)).toEqual({ ok: true, correction: false });
    expect(checkTransition('repair', 'received', 'collected', false)).toEqual({
      ok: false,
      kind: 'not_allowed',
      allowed: ['diagnosing', 'waiting_for_parts', 'ready'],
    });
    expect(checkTransition('repair', 'ready', 'collected', false)).toEqual({ ok: true, correction: false });
    expect(checkTransition('repair', 'ready', 'diagnosing', false)).toMatchObject({ ok: false, kind: 'note_required' });
    expect(checkTransition('repair', 'ready', 'diagnosing', true)).toEqual({ ok: true, correction: true });
  });

  it('final stages (collected, refunded, delivered, done) only from their immediate predecessor', () => {
    expect(checkTransition('parcel', 'shipped', 'delivered', false).ok).toBe(false);
    expect(checkTransition('parcel', 'in_transit', 'delivered', false).ok).toBe(false);
    expect(checkTransition('parcel', 'out_for_delivery', 'delivered', false).ok).toBe(true);
    expect(checkTransition('return', 'approved', 'refunded', false).ok).toBe(false);
    expect(checkTransition('return', 'received', 'refunded', false).ok).toBe(true);
    expect(checkTransition('appointment', 'booked', 'done', false).ok).toBe(false);
    expect(checkTransition('appointment', 'confirmed', 'done', false).ok).toBe(true);
    expect(checkTransition('pickup', 'ordered', 'collected', false).ok).toBe(false);
  });

  it('alternative ends branch from the right stages', () => {
    expect(checkTransition('return', 'requested', 'declined', false).ok).toBe(true);
    expect(checkTransition('return', 'approved', 'declined', false).ok).toBe(false);
    expect(checkTransition('pickup', 'ready', 'expired', false).ok).toBe(true);
    expect(checkTransition('pickup', 'ordered', 'expired', false).ok).toBe(false);
    expect(checkTransition('appointment', 'booked', 'no_show', false).ok).toBe(true);
    expect(checkTransition('order', 'ready', 'cancelled', false).ok).toBe(true);
    expect(checkTransition('order', 'collected', 'cancelled', false).ok).toBe(false);
    // A parcel problem is solved forward without a note; back to shipped is a correction.
    expect(checkTransition('parcel', 'problem', 'out_for_delivery', false).ok).toBe(true);
    expect(checkTransition('parcel', 'problem', 'shipped', false)).toMatchObject({ ok: false, kind: 'note_required' });
  });

  it('an unknown status or one of another type is refused with the allowed ones', () => {
    expect(checkTransition('complaint', 'open', 'ready', false)).toEqual({ ok: false, kind: 'unknown_status', allowed: ['in_progress', 'resolved'] });
    expect(checkTransition('complaint', 'open', 'bogus', false).ok).toBe(false);
  });

  it('every status of every type is reachable from the first and every non-first status can be left', () => {
    for (const type of CaseType.options) {
      const statuses = CASE_STATUSES[type] as readonly string[];
      const seen = new Set([statuses[0]]);
      const queue = [statuses[0]!];
      while (queue.length) {
        const s = queue.shift()!;
        const m = movesFrom(type, s as never);
        for (const n of [...m.next, ...m.back]) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      expect([...seen].sort(), type).toEqual([...statuses].sort());
      for (const s of statuses.slice(1)) {
        const m = movesFrom(type, s as never);
        expect(m.next.length + m.back.length, `${type}.${s}`).toBeGreaterThan(0);
        for (const b of m.back) expect(m.next, `${type}.${s}`).not.toContain(b);
      }
    }
  });

  it('knows which statuses close a case', () => {
    expect(isClosed('repair', 'collected')).toBe(true);
    expect(isClosed('repair', 'ready')).toBe(false);
    expect(isClosed('parcel', 'problem')).toBe(false);
    expect(isClosed('return', 'declined')).toBe(true);
    expect(isClosed('complaint', 'resolved')).toBe(true);
  });
});
