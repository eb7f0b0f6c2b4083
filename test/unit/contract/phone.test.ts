import { describe, expect, it } from 'vitest';
import * as core from '../../../main/core/phone';
import { internationalDigits, phoneFromWaLink, samePhone, toE164, tryE164 } from '../../../main/contract/phone';

describe('the one phone rule (main/contract/phone)', () => {
  it('is what main/core/phone gives out', () => {
    expect(core.toE164).toBe(toE164);
  });

  it('pairs only numbers with a country code', () => {
    expect(internationalDigits('+49 151 1234-5678')).toBe('4915112345678');
    expect(internationalDigits('4915112345678')).toBe('4915112345678');
    expect(internationalDigits('0151 12345678')).toBeNull();
    expect(internationalDigits('+49 1')).toBeNull();
  });

  it('matches typed numbers in every common form, and a stored number with itself', () => {
    expect(samePhone('+49 (170) 998-877-66', '+4917099887766')).toBe(true);
    expect(samePhone('+491', '+491')).toBe(true);
    expect(samePhone('0170 99887766', '+4317099887766')).toBe(false);
  });

  it('reads only wa.me links', () => {
    expect(phoneFromWaLink('https://wa.me/4917099887766?text=START')).toBe('+4917099887766');
    expect(phoneFromWaLink('https://wa.me.example.com/x')).toBeNull();
  });

  it('answers a number asked again as the first time, per region, and still refuses an invalid one', () => {
    // The recent numbers are remembered: asking again must not mix regions or keep a refusal away.
    for (let round = 0; round < 2; round++) {
      expect(toE164('0664 1234567', 'AT')).toBe('+436641234567');
      expect(tryE164('0664 1234567', 'DE')).not.toBe('+436641234567');
      expect(toE164('0151 12345678', 'DE')).toBe('+4915112345678');
      expect(toE164('0151 12345678')).toBe('+4915112345678');
      expect(() => toE164('+49 1')).toThrow(/not a valid phone number/);
      expect(() => toE164('call me')).toThrow(/not a phone number/);
    }
    // Past the bound: the remembered numbers are emptied and parsed afresh.
    for (let i = 0; i < 2_100; i++) expect(toE164(`+49151${String(10_000_000 + i)}`)).toBe(`+49151${String(10_000_000 + i)}`);
    expect(toE164('0664 1234567', 'AT')).toBe('+436641234567');
  });
});
