import { describe, expect, it } from 'vitest';
import { de as consentDe } from '../../../renderer/src/features/consent/i18n/de';
import { en as consentEn } from '../../../renderer/src/features/consent/i18n/en';
import { de as onboardingDe } from '../../../renderer/src/features/onboarding/i18n/de';
import { en as onboardingEn } from '../../../renderer/src/features/onboarding/i18n/en';
import { de as settingsDe } from '../../../renderer/src/features/settings/i18n/de';
import { en as settingsEn } from '../../../renderer/src/features/settings/i18n/en';
import { de } from '../../../renderer/src/i18n/de';
import { en } from '../../../renderer/src/i18n/en';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
const lookup = (o: object, path: string): string =>
  path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o) as string;
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

const featureResources = {
  de: { ...consentDe, ...onboardingDe, ...settingsDe },
  en: { ...consentEn, ...onboardingEn, ...settingsEn },
};

describe('consent, onboarding and settings texts', () => {
  it('exist in German and English with the same keys and placeholders', () => {
    expect(keys(featureResources.en).sort()).toEqual(keys(featureResources.de).sort());
    for (const k of keys(featureResources.de)) {
      expect(lookup(featureResources.de, k).trim(), k).not.toBe('');
      expect(placeholders(lookup(featureResources.en, k)), k).toEqual(placeholders(lookup(featureResources.de, k)));
    }
  });

  it('are all part of the app-wide resources', () => {
    const existing = new Set(keys(de));
    for (const k of keys(featureResources.de)) expect(existing.has(k), k).toBe(true);
  });

  it('name every reason the send gate in main can give', async () => {
    const { GATE_REASONS } = await import('../../../main/core/consent/engine');
    // The composer shows these when main refuses a send.
    for (const lang of [de, en]) expect(Object.keys(lang.consentReason)).toEqual(expect.arrayContaining(Object.keys(GATE_REASONS)));
  });
});
