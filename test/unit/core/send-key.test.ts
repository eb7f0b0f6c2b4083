import { describe, expect, it } from 'vitest';
import { newSendKey } from '../../../main/core/send-key';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newSendKey', () => {
  it('is a UUID version 7 whose first 48 bits are the time', () => {
    const now = Date.parse('2026-12-03T14:00:00Z');
    const key = newSendKey(now);
    expect(key).toMatch(UUID_V7);
    expect(parseInt(key.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts keys of later times after earlier ones, so the unique index grows at its end', () => {
    const t0 = Date.parse('2026-12-03T14:00:00Z');
    const keys = Array.from({ length: 500 }, (_, i) => newSendKey(t0 + i));
    expect([...keys].sort()).toEqual(keys);
  });

  it('never repeats within one millisecond (the random bits carry uniqueness)', () => {
    const now = Date.parse('2026-12-03T14:00:00Z');
    const keys = new Set(Array.from({ length: 10_000 }, () => newSendKey(now)));
    expect(keys.size).toBe(10_000);
    for (const k of keys) expect(k).toMatch(UUID_V7);
  });
});
