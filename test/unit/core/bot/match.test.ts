import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeywordMatcher } from '../../../../main/core/consent/keywords';
import { defaultSettings } from '../../../../main/core/consent/templates';
import { DEFAULT_HANDOVER_WORDS, DEFAULT_RULES } from '../../../../main/core/bot/defaults';
import { matchRule, wantsPerson, wordMatches } from '../../../../main/core/bot/match';
import type { BotRule } from '../../../../main/contract';

const rule = (text: string) => matchRule(text, DEFAULT_RULES)?.rule.id ?? null;

describe('bot rule matching', () => {
  it('finds German questions whatever the case, umlaut spelling and punctuation', () => {
    expect(rule('Wie sind eure Öffnungszeiten?')).toBe('hours');
    expect(rule('OEFFNUNGSZEITEN')).toBe('hours');
    expect(rule('öffnungszeiten bitte!!')).toBe('hours');
    expect(rule('Wo kann ich parken?')).toBe('parking');
    expect(rule('Kann ich mit Kreditkarte zahlen')).toBe('payment');
    expect(rule('Geht Umtausch?')).toBe('returns');
    expect(rule('Wie ist eure Adresse')).toBe('address');
  });

  it('finds English questions', () => {
    expect(rule('What are your opening hours?')).toBe('hours');
    expect(rule('Is there parking nearby')).toBe('parking');
    expect(rule('can I get a refund')).toBe('returns');
    expect(rule("What's your address?")).toBe('address');
  });

  it('forgives one wrong, missing or extra letter in longer words, not in short ones', () => {
    expect(rule('Öfnungszeiten?')).toBe('hours');
    expect(rule('Parkplaz')).toBe('parking');
    expect(rule('Adrese')).toBe('address');
    expect(rule('openning hours')).toBe('hours');
    expect(wordMatches('da', 'ja')).toBe(false);
    expect(wordMatches('shop', 'stop')).toBe(false);
    expect(rule('Parkpltz frei')).toBe('parking'); // one letter missing
    expect(rule('Prakplatz')).toBeNull(); // two edits (swap) is too far
  });

  it('ignores word order of a phrase', () => {
    expect(rule('hours opening?')).toBe('hours');
    expect(rule('ihr wo seid')).toBe('address');
  });

  it('answers nothing to small talk', () => {
    expect(rule('Hallo, wie geht es?')).toBeNull();
    expect(rule('Danke!')).toBeNull();
    expect(rule('')).toBeNull();
  });

  it('the longer phrase wins, a disabled rule never answers', () => {
    const rules: BotRule[] = [
      { id: 'short', enabled: true, phrases: ['Karte'], answer: { de: 'a', en: 'a' } },
      { id: 'long', enabled: true, phrases: ['Karte verloren'], answer: { de: 'b', en: 'b' } },
      { id: 'off', enabled: false, phrases: ['Gutschein'], answer: { de: 'c', en: 'c' } },
    ];
    expect(matchRule('Ich habe meine Karte verloren', rules)?.rule.id).toBe('long');
    expect(matchRule('Karte?', rules)?.rule.id).toBe('short');
    expect(matchRule('Gutschein', rules)).toBeNull();
  });

  it('hand-over words are found inside a sentence, in both languages', () => {
    expect(wantsPerson('Mitarbeiter bitte', DEFAULT_HANDOVER_WORDS)).toBe(true);
    expect(wantsPerson('Ich will einen MENSCHEN sprechen', DEFAULT_HANDOVER_WORDS)).toBe(true);
    expect(wantsPerson('talk to a human please', DEFAULT_HANDOVER_WORDS)).toBe(true);
    expect(wantsPerson('Beratung?', DEFAULT_HANDOVER_WORDS)).toBe(true);
    expect(wantsPerson('Wann habt ihr auf?', DEFAULT_HANDOVER_WORDS)).toBe(false);
  });
});

describe('consent words come first', () => {
  const kw = defaultSettings(true).keywords;
  const consent = createKeywordMatcher([kw.de, kw.en]);
  const words = fc.constantFrom('Shop', 'Öffnungszeiten', 'da', 'ja', 'stop', 'Stopp', 'Parkplatz', 'NEWSLETTER', 'ok', 'Mensch', 'Status', 'bitte', 'ende', 'start');
  const anyRule = fc.record({
    id: fc.constant('r'),
    enabled: fc.boolean(),
    phrases: fc.array(fc.oneof(words, fc.string({ minLength: 1, maxLength: 12 })), { minLength: 1, maxLength: 4 }),
    answer: fc.constant({ de: 'x', en: 'x' }),
  });

  it('no bot rule changes a consent outcome: "Shop?" never revokes, "da" never grants', () => {
    expect(consent.classify('Shop?').intent).toBeNull();
    expect(consent.classify('da').intent).toBeNull();
    fc.assert(
      fc.property(fc.array(anyRule, { maxLength: 5 }), fc.array(words, { minLength: 1, maxLength: 3 }), (rules, parts) => {
        const text = parts.join(' ');
        const before = consent.classify(text);
        // The bot only ever sees what the consent matcher let through; its rules do not feed back.
        matchRule(text, rules);
        expect(consent.classify(text)).toEqual(before);
      }),
    );
  });
});
