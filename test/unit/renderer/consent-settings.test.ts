import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TemplateView } from '@contract';
import { ConsentSettings } from '@contract';
import {
  errorConcerns,
  errorField,
  IMPORT_EXAMPLE,
  keywordsText,
  parseHours,
  parseKeywords,
  textRows,
  versionsOf,
} from '../../../renderer/src/features/settings/settings-form';

describe('parseKeywords', () => {
  it('splits lines and commas, trims, drops empties and case-duplicates', () => {
    expect(parseKeywords(' START \nja, Ja\n\nOK;yes\n')).toEqual(['START', 'ja', 'OK', 'yes']);
    expect(parseKeywords('STOP NEWSLETTER')).toEqual(['STOP NEWSLETTER']);
    expect(parseKeywords('   \n ,, ')).toEqual([]);
  });

  it('is stable: parsing its own text form gives the same list', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = parseKeywords(text);
        expect(parseKeywords(keywordsText(once))).toEqual(once);
        for (const w of once) expect(w.length > 0 && w === w.trim()).toBe(true);
      }),
    );
  });

  it('produces lists the settings contract accepts for ordinary keywords', () => {
    const keywords = parseKeywords('START\nJA\nYES\nOK');
    const kw = { confirm: keywords, marketingOptIn: ['NEWSLETTER'], marketingStop: ['STOP NEWSLETTER'], stopAll: ['STOP'] };
    const ok = ConsentSettings.partial().safeParse({ keywords: { de: kw, en: kw } });
    expect(ok.success).toBe(true);
  });
});

describe('errorField / errorConcerns', () => {
  it('maps the API error path onto form fields', () => {
    expect(errorField('patch.shop.phone')).toBe('shop.phone');
    expect(errorField('shop.phone')).toBe('shop.phone');
    expect(errorField(undefined)).toBeNull();
    expect(errorConcerns('keywords.de.confirm.3', 'keywords.de.confirm')).toBe(true);
    expect(errorConcerns('keywords.de.confirmX', 'keywords.de.confirm')).toBe(false);
    expect(errorConcerns('shop.phone', 'shop.phone')).toBe(true);
    expect(errorConcerns(null, 'shop.phone')).toBe(false);
  });
});

describe('parseHours', () => {
  it('accepts whole hours within the contract range only', () => {
    expect(parseHours('72')).toBe(72);
    expect(parseHours(' 1 ')).toBe(1);
    expect(parseHours('720')).toBe(720);
    expect(parseHours('721')).toBeNull();
    expect(parseHours('0')).toBeNull();
    expect(parseHours('1.5')).toBeNull();
    expect(parseHours('-3')).toBeNull();
    expect(parseHours('')).toBeNull();
  });

  it('agrees with the contract schema on every integer', () => {
    const hours = ConsentSettings.shape.quarantineHours;
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 2000 }), (n) => {
        expect(parseHours(String(n)) !== null).toBe(hours.safeParse(n).success);
      }),
    );
  });
});

describe('versionsOf', () => {
  const v = (key: TemplateView['key'], locale: TemplateView['locale'], version: number): TemplateView => ({
    key,
    locale,
    version,
    text: `${key} ${locale} v${version}`,
    sha256: String(version).repeat(64).slice(0, 64),
    createdAt: '2026-03-01T10:00:00Z',
  });
  it('picks one text in one language, newest version first', () => {
    const all = [v('consent_request', 'de', 1), v('consent_request', 'en', 1), v('consent_request', 'de', 3), v('consent_request', 'de', 2), v('revocation_confirmation', 'de', 5)];
    expect(versionsOf(all, 'consent_request', 'de').map((x) => x.version)).toEqual([3, 2, 1]);
    expect(versionsOf(all, 'consent_request', 'en').map((x) => x.version)).toEqual([1]);
    expect(versionsOf(all, 'marketing_request', 'de')).toEqual([]);
  });
});

describe('IMPORT_EXAMPLE', () => {
  it('names the columns the import requires', () => {
    const header = IMPORT_EXAMPLE.split('\n')[0]!.split(',');
    expect(header).toEqual(['phone', 'purpose', 'source', 'reference', 'date']);
  });
});

describe('textRows', () => {
  it('sizes a text area to its text within bounds', () => {
    expect(textRows('one line')).toBe(5);
    expect(textRows(Array.from({ length: 10 }, () => 'x').join('\n'))).toBe(11);
    expect(textRows(Array.from({ length: 100 }, () => 'x').join('\n'))).toBe(18);
  });
});
