import { describe, expect, it } from 'vitest';
import { createKeywordMatcher, keywordProblem, normaliseKeyword } from '../../../main/core/consent/keywords';
import { DEFAULT_KEYWORDS } from '../../../main/core/consent/templates';

const m = createKeywordMatcher([DEFAULT_KEYWORDS.de, DEFAULT_KEYWORDS.en]);

describe('keyword matcher', () => {
  it.each([
    ['STOP', 'stop_all'],
    ['Stopp', 'stop_all'],
    ['STOPP!!', 'stop_all'],
    ['stopp 🙏', 'stop_all'],
    ['  Ende.  ', 'stop_all'],
    ['Abmelden!', 'stop_all'],
    ['unsubscribe', 'stop_all'],
    [' Ja. ', 'confirm'],
    ['ja!!! 👍', 'confirm'],
    ['JA', 'confirm'],
    ['yes', 'confirm'],
    ['Ok', 'confirm'],
    ['START', 'confirm'],
    ['ｓｔａｒｔ', 'confirm'],
    ['Newsletter', 'marketing_opt_in'],
    ['STOP NEWSLETTER', 'stop_marketing'],
    ['stop   newsletter!', 'stop_marketing'],
    ['Stopp-Newsletter', 'stop_marketing'],
  ])('%j → %s', (text, intent) => {
    expect(m.classify(text)).toBe(intent);
  });

  it.each([
    'ich möchte nicht stoppen',
    'Bitte nicht STOP drücken',
    'ja gerne, wann habt ihr offen?',
    'stopper',
    'Jacke',
    '',
    '🙏',
    'Newsletter bitte und die Rechnung',
  ])('%j is ordinary text', (text) => {
    expect(m.classify(text)).toBeNull();
  });

  it('unifies umlaut spellings so a keyword with ä matches ae and vice versa', () => {
    expect(normaliseKeyword('BESTÄTIGEN')).toBe(normaliseKeyword('bestaetigen'));
    expect(normaliseKeyword('Grüße!')).toBe('gruesse');
    const custom = createKeywordMatcher([{ ...DEFAULT_KEYWORDS.de, confirm: ['Bestätigen'] }]);
    expect(custom.classify('bestaetigen')).toBe('confirm');
    expect(custom.classify('Bestätigen ✅')).toBe('confirm');
    expect(custom.classify('JA')).toBeNull();
  });
});

describe('keyword settings that would break consent are refused', () => {
  const base = {
    confirm: ['START', 'JA', 'OK'],
    marketingOptIn: ['NEWSLETTER'],
    marketingStop: ['STOP NEWSLETTER'],
    stopAll: ['STOP'],
  };

  it('STOP and its variants revoke even when the settings list no stop word at all', () => {
    const m = createKeywordMatcher([{ ...base, stopAll: [] }]);
    for (const w of ['STOP', 'stopp!', 'Abmelden', 'ENDE', 'unsubscribe 🙏']) expect(m.classify(w)).toBe('stop_all');
    expect(m.classify('STOP NEWSLETTER')).toBe('stop_marketing');
  });

  it('rejects greetings as confirm words, a word in two lists, and an empty confirm list', () => {
    expect(keywordProblem({ de: base, en: base })).toBeNull();
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'Hallo'] } })?.field).toBe('keywords.de.confirm');
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'Stopp'] } })?.message).toMatch(/anderen Liste/);
    expect(keywordProblem({ de: { ...base, marketingOptIn: ['ja'] } })?.field).toBe('keywords.de.marketingOptIn');
    expect(keywordProblem({ de: { ...base, confirm: [] }, en: { ...base, confirm: [] } })?.message).toMatch(/Bestätigungswort/);
    expect(keywordProblem({ de: { ...base, confirm: ['!!!'] } })?.field).toBe('keywords.de.confirm');
  });
});
