import { describe, expect, it } from 'vitest';
import { expandQuickReply } from '../../../main/core/quick-replies';
import { foldText, phoneQueryDigits, phoneTokens } from '../../../main/store/fold';

describe('quick reply expansion', () => {
  it('fills {name}, {shop} and {staff}, leaves unknown placeholders, never expands inserted values again', () => {
    const vars = { name: 'Jana {shop}', shop: 'Radhaus', staff: 'Anna' };
    expect(expandQuickReply('Hallo {name}, hier ist {staff} von {shop}. {datum}', vars)).toBe('Hallo Jana {shop}, hier ist Anna von Radhaus. {datum}');
    expect(expandQuickReply('{name}{name}', { name: 'A', shop: '', staff: '' })).toBe('AA');
  });

  it('drops a variable without a value together with the space before it', () => {
    expect(expandQuickReply('Guten Tag {name}, hier ist {staff} von {shop}.', { name: '', shop: 'Radhaus', staff: ' ' })).toBe(
      'Guten Tag, hier ist von Radhaus.',
    );
    expect(expandQuickReply('{name}: Ihr Rad', { name: '', shop: '', staff: '' })).toBe(': Ihr Rad');
  });
});

describe('search folding', () => {
  it('folds umlauts, their two-letter spellings, ß and other diacritics the same way', () => {
    for (const s of ['Müller', 'Mueller', 'Muller', 'MÜLLER']) expect(foldText(s)).toBe('muller');
    expect(foldText('Straße')).toBe(foldText('Strasse'));
    expect(foldText('Café Crème')).toBe('cafe creme');
  });

  it('reduces every common German number form to the digits of one indexed form', () => {
    const tokens = phoneTokens('+4915112345678').split(' ');
    for (const q of ['0151 12345678', '015112345678', '0151/12345678', '0151-1234-5678', '+49 151 12345678', '0049 151 12345678', '+49 (151) 123 456 78']) {
      const d = phoneQueryDigits(q)!;
      expect(tokens.some((t) => t.startsWith(d)), q).toBe(true);
    }
    expect(phoneQueryDigits('Müller')).toBeUndefined();
    expect(phoneQueryDigits('01')).toBeUndefined();
  });
});
