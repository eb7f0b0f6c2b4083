import { describe, expect, it } from 'vitest';
import { de } from '../../../renderer/src/i18n/de';
import { en } from '../../../renderer/src/i18n/en';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

const lookup = (o: object, path: string): string =>
  path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o) as string;

describe('translations', () => {
  it('German and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });

  it('each text uses the same placeholders in both languages and none is empty', () => {
    for (const k of keys(de)) {
      expect(lookup(de, k).trim(), k).not.toBe('');
      expect(placeholders(lookup(en, k)), k).toEqual(placeholders(lookup(de, k)));
    }
  });
});
