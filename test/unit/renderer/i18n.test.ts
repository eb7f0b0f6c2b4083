import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('one string system', () => {
  const src = fileURLToPath(new URL('../../../renderer/src/', import.meta.url));
  const dirs = [join(src, 'app/i18n'), ...readdirSync(join(src, 'features')).map((f) => join(src, 'features', f, 'i18n'))].filter((d) => existsSync(d));
  let features: Record<string, { de?: object; en?: object }> = {};
  beforeAll(async () => {
    const entries = await Promise.all(
      dirs.flatMap((d) => readdirSync(d).map(async (f) => [join(d, f), (await import(join(d, f))) as { de?: object; en?: object }] as const)),
    );
    features = Object.fromEntries(entries);
  });

  it('each feature has a German and an English file with the same keys and placeholders', () => {
    const byDir = new Map<string, { de?: object; en?: object }>();
    for (const [path, mod] of Object.entries(features)) {
      const dir = path.replace(/\/[^/]+$/, '');
      const entry = byDir.get(dir) ?? {};
      if (path.endsWith('/de.ts')) entry.de = mod.de;
      else if (path.endsWith('/en.ts')) entry.en = mod.en;
      else throw new Error(`only de.ts and en.ts belong in ${dir}`);
      byDir.set(dir, entry);
    }
    expect(byDir.size).toBeGreaterThanOrEqual(8);
    for (const [dir, { de: fde, en: fen }] of byDir) {
      expect(fde, dir).toBeDefined();
      expect(fen, dir).toBeDefined();
      expect(keys(fen!).sort(), dir).toEqual(keys(fde!).sort());
      for (const k of keys(fde!)) expect(placeholders(lookup(fen!, k)), `${dir} ${k}`).toEqual(placeholders(lookup(fde!, k)));
    }
  });

  it('no two features claim the same top-level namespace, and all of them reach the app', () => {
    const owners = new Map<string, string>();
    for (const [path, mod] of Object.entries(features)) {
      if (!path.endsWith('/de.ts')) continue;
      for (const ns of Object.keys(mod.de!)) {
        expect(owners.get(ns), `${ns} in ${path}`).toBeUndefined();
        owners.set(ns, path);
      }
    }
    expect([...owners.keys()].sort()).toEqual(Object.keys(de).sort());
  });

  it('has words in both languages for every error code main can send', async () => {
    const { ERROR_CODES } = await import('../../../main/contract/errors');
    for (const lang of [de, en]) {
      for (const code of ERROR_CODES) expect(lookup(lang, `errors.${code}`)?.trim(), code).toBeTruthy();
    }
  });

  it("shows the UI's own words for an error, never the message main sent", async () => {
    const { ApiError } = await import('../../../main/contract/errors');
    const { createTestI18n } = await import('../../helpers/renderer-i18n');
    const { errorText } = await import('../../../renderer/src/i18n/errors');
    const i18n = await createTestI18n();
    const tde = i18n.getFixedT('de');
    const ten = i18n.getFixedT('en');
    expect(errorText(tde, new ApiError('not_found', 'Kontakt nicht gefunden.'))).toBe(de.errors.not_found);
    expect(errorText(ten, new ApiError('not_found', 'Kontakt nicht gefunden.'))).toBe(en.errors.not_found);
    expect(errorText(ten, { code: 'forbidden', message: 'refused' })).toBe(en.errors.forbidden);
    expect(errorText(ten, new ApiError('validation', 'shop.phone: kaputt', { field: 'shop.phone' }))).toBe('An entry is not valid (shop.phone).');
    expect(errorText(tde, new ApiError('consent_required', 'x', { reason: 'consent_revoked' }))).toBe(de.consentReason.consent_revoked);
    expect(errorText(ten, new ApiError('consent_required', 'x', { reason: 'no-such-reason' }))).toBe(en.errors.consent_required);
    // Anything that is not an API error at all (a dropped connection) still gets words.
    expect(errorText(tde, new Error('socket hang up'))).toBe(de.errors.unavailable);
  });
});
