import { onboardingDe, onboardingEn } from '../onboarding/strings';
import { settingsDe, settingsEn } from '../settings/strings';
import { consentDe, consentEn } from './strings';

/**
 * The consent, onboarding and settings screens keep their texts next to
 * their code; these are merged into the app's `translation` namespace
 * (deep, never overwriting an existing text: see registerFeatureStrings).
 */
export const featureResources = {
  de: { consentUi: consentDe, onboarding: onboardingDe, settings: settingsDe },
  en: { consentUi: consentEn, onboarding: onboardingEn, settings: settingsEn },
};

/** Adds these texts to an initialised i18next instance. */
export function registerFeatureStrings(i18n: {
  addResourceBundle(lng: string, ns: string, resources: object, deep?: boolean, overwrite?: boolean): unknown;
}): void {
  for (const lng of ['de', 'en'] as const) i18n.addResourceBundle(lng, 'translation', featureResources[lng], true, false);
}
