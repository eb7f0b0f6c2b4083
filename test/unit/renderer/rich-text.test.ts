import fc from 'fast-check';
import { find } from 'linkifyjs';
import { describe, expect, it } from 'vitest';
import { mayHoldLink } from '../../../renderer/src/features/conversation/RichText';

const linked = (text: string): boolean => find(text).some((l) => l.type === 'url' || l.type === 'email');

/** Pieces that make or nearly make addresses, and ordinary German text around them. */
const PIECES = ['tresen', 'de', 'com', 'www', 'http', 'https', 'mailto', 'ftp', 'localhost', 'LocalHost', 'xn--mnchen-3ya', '192', '168', '8080',
  '.', '..', '@', ':', '/', '//', '?', '#', '-', '_', '(', ')', '[', '<', '>', '"', "'", ',', ';', '!', '。', '・', '．',
  ' ', '\n', '\t', 'Rad', 'fertig', 'Straße', 'Grüße', 'ä', 'ö', 'ü', 'ß', 'z', 'B', '14', '30', 'Uhr', '€', '😀'];

describe('mayHoldLink (renderer/src/features/conversation/RichText)', () => {
  it('is true for every text in which linkify finds a web or mail address', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join('')), (text) => {
        if (linked(text)) expect(mayHoldLink(text), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => !linked(text) || mayHoldLink(text)), { numRuns: 5_000 });
  });

  it('knows the usual addresses, and passes over a plain chat message', () => {
    for (const text of ['tresen.de', 'www.tresen.de/rad', 'https://x', 'mailto:anna', 'anna@tresen.de', 'http://localhost:3000', 'LOCALHOST'])
      expect([text, linked(text), mayHoldLink(text)]).toEqual([text, true, true]);
    for (const text of ['Ist mein Rad schon fertig?', 'Nachricht 12: Frage zum Fahrrad', 'Danke. Bis morgen!', 'JA'])
      expect([text, linked(text), mayHoldLink(text)]).toEqual([text, false, false]);
  });
});
