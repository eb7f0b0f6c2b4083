import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeywordSettings } from '@contract';
import { createKeywordMatcher, keywordProblem } from '../../../../main/core/consent/keywords';
import { DEFAULT_KEYWORDS } from '../../../../main/core/consent/templates';

/** Generated sentences: ordinary words, politeness, yeses, negations and stop words in any order and spelling. */
const ORDINARY = ['Hallo', 'bitte', 'danke', 'mein', 'Fahrrad', 'ist', 'das', 'fertig', 'ich', 'will', 'morgen', 'gerne', 'ja', 'yes', 'ok', 'Newsletter', 'Angebot', 'super', 'Rechnung', 'START'];
const NEGATIONS = ['nein', 'Nein', 'NICHT', 'nicht', 'no', 'kein', 'keine', 'Keinen', 'nope', 'Neeein'];
const STOPS = ['STOP', 'Stopp', 'stopp', 'ABMELDEN', 'abbestellen', 'Unsubscribe', 'STOOOP', 'stop'];
const decorate = (w: string) =>
  fc.constantFrom('', '!', '.', '!!', ' 🙏', ' 👍', ',', '?').map((suffix) => `${w}${suffix}`);
const word = (list: string[]) => fc.constantFrom(...list).chain(decorate);

const sentence = (must: string[], maxWords: number) =>
  fc
    .tuple(fc.array(word(ORDINARY), { maxLength: maxWords - 1 }), word(must), fc.nat())
    .map(([others, m, at]) => {
      const pos = at % (others.length + 1);
      return [...others.slice(0, pos), m, ...others.slice(pos)].join(' ');
    });

/** Any keyword lists the settings might hold, valid or not. */
const anyList = fc.array(fc.constantFrom('JA', 'OK', 'START', 'Nein danke', 'Hallo', 'STOP', 'NEWSLETTER', 'gerne', 'yes', 'nicht', 'ENDE', 'Weiter'), { maxLength: 4 });
const anySettings: fc.Arbitrary<KeywordSettings> = fc.record({ confirm: anyList, marketingOptIn: anyList, marketingStop: anyList, stopAll: anyList });

describe('consent words over generated sentences', () => {
  it('no message with a negation ever grants, whatever the settings', () => {
    fc.assert(
      fc.property(sentence(NEGATIONS, 10), fc.option(fc.tuple(anySettings, anySettings)), (text, lists) => {
        const m = createKeywordMatcher(lists ? lists : [DEFAULT_KEYWORDS.de, DEFAULT_KEYWORDS.en]);
        expect(m.classify(text).intent).not.toBe('confirm');
      }),
      { numRuns: 2000 },
    );
  });

  it('every message of ≤ 6 words with an unambiguous stop word revokes at least marketing, whatever the settings', () => {
    fc.assert(
      fc.property(sentence(STOPS, 6), fc.option(fc.tuple(anySettings, anySettings)), (text, lists) => {
        const m = createKeywordMatcher(lists ? lists : [DEFAULT_KEYWORDS.de, DEFAULT_KEYWORDS.en]);
        expect(['stop_all', 'stop_marketing']).toContain(m.classify(text).intent);
      }),
      { numRuns: 2000 },
    );
  });

  it('settings that pass validation never hold a confirm word with a negation or a stop word', () => {
    fc.assert(
      fc.property(anySettings, anySettings, (de, en) => {
        if (keywordProblem({ de, en }) !== null) return;
        const m = createKeywordMatcher([de, en]);
        for (const w of [...de.confirm, ...en.confirm]) expect(['confirm', null]).toContain(m.classify(w).intent);
      }),
      { numRuns: 1000 },
    );
  });
});
