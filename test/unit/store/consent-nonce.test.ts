import { describe, expect, it } from 'vitest';
import { newNonce } from '../../../main/store/consent-chain';

describe('newNonce (the personal digest’s salt)', () => {
  it('gives 128-bit hex nonces that never repeat, across refills of its pool', () => {
    const nonces = Array.from({ length: 1_000 }, () => newNonce());
    for (const n of nonces) expect(n).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
    // Not the zeros a used slot of the pool is overwritten with.
    expect(nonces).not.toContain('0'.repeat(32));
  });
});
