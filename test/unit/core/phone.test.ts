import { describe, expect, it } from 'vitest';
import { InvalidPhoneError, formatInternational, phoneFromDigits, toE164 } from '../../../main/core/phone';

describe('toE164', () => {
  it.each([
    ['+49 151 12345678', '+4915112345678'],
    ['004915112345678', '+4915112345678'],
    ['4915112345678', '+4915112345678'],
    ['0151 / 123 456 78', '+4915112345678'],
    ['(030) 1234567', '+49301234567'],
    ['+43 664 1234567', '+436641234567'],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(['', 'abc', '+49 1', '12', '+49151<script>', '0151123456789012345', '+999 123'])('rejects %j', (input) => {
    expect(() => toE164(input)).toThrow(InvalidPhoneError);
  });
});

describe('messenger ids', () => {
  it('reads the digits a messenger reports as a number, refusing what is not one', () => {
    expect(phoneFromDigits('4915112345678')).toBe('+4915112345678');
    expect(phoneFromDigits('+4915112345678')).toBe('+4915112345678');
    expect(phoneFromDigits('99887766554433')).toBeUndefined();
    expect(phoneFromDigits(4915112345678)).toBeUndefined();
  });
});

describe('formatInternational', () => {
  it('groups a number for people and leaves unparseable text alone', () => {
    expect(formatInternational('+49301234567')).toBe('+49 30 1234567');
    expect(formatInternational('+4915112345678')).toBe('+49 1511 2345678');
    expect(formatInternational('kaputt')).toBe('kaputt');
  });
});
