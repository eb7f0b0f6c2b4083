import { describe, expect, it } from 'vitest';
import { createKeywordMatcher, keywordProblem, normaliseKeyword } from '../../../../main/core/consent/keywords';
import { DEFAULT_KEYWORDS } from '../../../../main/core/consent/templates';

const m = createKeywordMatcher([DEFAULT_KEYWORDS.de, DEFAULT_KEYWORDS.en], ['de', 'en']);
const intent = (text: string) => m.classify(text).intent;

describe('keyword matcher', () => {
  it.each([
    ['STOP', 'stop_all'],
    ['Stopp', 'stop_all'],
    ['STOPP!!', 'stop_all'],
    ['stopp 🙏', 'stop_all'],
    ['  Ende.  ', 'stop_all'],
    ['Abmelden!', 'stop_all'],
    ['Abbestellen', 'stop_all'],
    ['unsubscribe', 'stop_all'],
    // The red-team cases: a stop word anywhere in a short message revokes.
    ['Bitte STOP', 'stop_all'],
    ['STOP bitte', 'stop_all'],
    ['Stopp, keine Nachrichten mehr', 'stop_all'],
    ['Stopp bitte', 'stop_all'],
    ['Bitte nicht STOP drücken', 'stop_all'],
    ['Bitte keine Nachrichten mehr', 'stop_all'],
    ['Ihr sollt mir nicht mehr schreiben', 'stop_all'],
    ['STOOOPP', 'stop_all'],
    ['Hallo, bitte ENDE.', 'stop_all'],
    [' Ja. ', 'confirm'],
    ['ja!!! 👍', 'confirm'],
    ['JA', 'confirm'],
    ['yes', 'confirm'],
    ['Ok', 'confirm'],
    ['START', 'confirm'],
    ['ｓｔａｒｔ', 'confirm'],
    // Polite forms that left customers stuck before.
    ['Ja gerne 👍', 'confirm'],
    ['ja, ich stimme zu', 'confirm'],
    ['Jaaa', 'confirm'],
    ['Einverstanden', 'confirm'],
    ['Yes please', 'confirm'],
    ['Ja bitte!', 'confirm'],
    ['JA.', 'confirm'],
    ['JA!', 'confirm'],
    ['ok', 'confirm'],
    ['Newsletter', 'marketing_opt_in'],
    ['Newsletter bitte', 'marketing_opt_in'],
    ['STOP NEWSLETTER', 'stop_marketing'],
    ['stop   newsletter!', 'stop_marketing'],
    ['Stopp-Newsletter', 'stop_marketing'],
    ['Newsletter abbestellen bitte', 'stop_marketing'],
    ['Kein Newsletter mehr', 'stop_marketing'],
    ['Nein danke', 'refuse'],
    ['nein', 'refuse'],
    ['Ja, aber nicht jetzt', 'refuse'],
    ['no thanks', 'refuse'],
    ['ich möchte nicht stoppen', 'refuse'],
  ])('%j → %s', (text, expected) => {
    expect(intent(text)).toBe(expected);
  });

  it.each([
    'ja gerne, wann habt ihr offen?',
    'Ende der Woche abholen?',
    'stopper',
    'Jacke',
    '',
    '🙏',
    'Hallo',
    'Danke',
    'Newsletter bitte und die Rechnung',
  ])('%j is ordinary text', (text) => {
    expect(intent(text)).toBeNull();
  });

  it('a stop word in a longer message goes to staff instead of being guessed', () => {
    expect(intent('Hallo, ich wollte fragen ob ihr den Auftrag stoppen könnt, bitte STOP bei der Reparatur')).toBe('stop_review');
  });

  it('takes the language from the yes: JA → de, YES → en, OK/START → unknown', () => {
    expect(m.classify('Ja gerne').locale).toBe('de');
    expect(m.classify('Yes please').locale).toBe('en');
    expect(m.classify('OK').locale).toBeNull();
    expect(m.classify('START').locale).toBeNull();
  });

  it('never uses typo tolerance for consent words', () => {
    for (const w of ['jq', 'yez', 'stpo', 'einverstnaden']) expect(intent(w)).toBeNull();
  });

  it('unifies umlaut spellings so a keyword with ä matches ae and vice versa', () => {
    expect(normaliseKeyword('BESTÄTIGEN')).toBe(normaliseKeyword('bestaetigen'));
    expect(normaliseKeyword('Grüße!')).toBe('gruesse');
    const custom = createKeywordMatcher([{ ...DEFAULT_KEYWORDS.de, confirm: ['Bestätigen'] }]);
    expect(custom.classify('bestaetigen').intent).toBe('confirm');
    expect(custom.classify('Bestätigen ✅').intent).toBe('confirm');
  });
});

describe('a staff start link ("START A7K")', () => {
  it('is a START: the staff code after it is not part of the answer', () => {
    for (const text of ['START A7K', 'start a7k', 'START  X2Y!', 'Start Q9Z 🙂']) expect(m.classify(text).intent, text).toBe('confirm');
  });
  it('never turns anything else into a yes, and STOP with a code still stops', () => {
    expect(m.classify('START A7K bitte nicht').intent).not.toBe('confirm');
    expect(m.classify('Hallo A7K').intent).toBeNull();
    expect(m.classify('STOP A7K').intent).toBe('stop_all');
    expect(m.classify('START AKK').intent).toBeNull();
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
    for (const w of ['STOP', 'stopp!', 'Abmelden', 'ENDE', 'unsubscribe 🙏']) expect(m.classify(w).intent).toBe('stop_all');
    expect(m.classify('STOP NEWSLETTER').intent).toBe('stop_marketing');
  });

  it('refuses confirm words with a negation, a stop word or a greeting; a word in two lists; an empty confirm list', () => {
    expect(keywordProblem({ de: base, en: base })).toBeNull();
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'Hallo'] } })?.field).toBe('keywords.de.confirm');
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'Nein danke'] } })?.message).toMatch(/Verneinung/);
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'nicht stoppen'] } })?.message).toMatch(/Verneinung/);
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'Stopp'] } })?.message).toMatch(/Stoppwort/);
    expect(keywordProblem({ de: { ...base, confirm: ['JA', 'Hallo ja'] } })?.message).toMatch(/Gruß/);
    expect(keywordProblem({ de: { ...base, confirm: ['JA BITTE'] } })).toBeNull();
    expect(keywordProblem({ de: { ...base, marketingOptIn: ['ja'] } })?.field).toBe('keywords.de.marketingOptIn');
    expect(keywordProblem({ de: { ...base, confirm: [] }, en: { ...base, confirm: [] } })?.message).toMatch(/Bestätigungswort/);
    expect(keywordProblem({ de: { ...base, confirm: ['!!!'] } })?.field).toBe('keywords.de.confirm');
  });
});
