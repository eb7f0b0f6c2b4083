import type { Locale, TemplateKey } from '../../contract';
import type { Store } from '../../store';
import type { ConsentRepo, TemplateRow } from '../../store/consent-repo';
import { sha256Hex } from '../../store/consent-chain';
import type { Policy } from './engine-types';
import { DEFAULT_TEMPLATES, renderTemplate, SUPERSEDED_DEFAULTS, type TemplateContext } from './templates';

/** A new version of a customer text; the same text again keeps the current version. Old versions stay. */
export function addTemplateVersion(repo: ConsentRepo, key: TemplateKey, locale: Locale, text: string, now: number): TemplateRow {
  const current = repo.currentTemplate(key, locale);
  if (current && current.text === text) return current;
  return repo.addTemplateVersion(key, locale, text, now);
}

/** Every text has a current version; a default the product has since reworded is replaced where the shop never edited it. */
export function ensureDefaultTemplates(store: Store, repo: ConsentRepo, now: number): void {
  store.tx(() => {
    for (const locale of ['de', 'en'] as const) {
      for (const key of Object.keys(DEFAULT_TEMPLATES[locale]) as TemplateKey[]) {
        const current = repo.currentTemplate(key, locale);
        if (!current || current.text === SUPERSEDED_DEFAULTS[locale]?.[key]) {
          repo.addTemplateVersion(key, locale, DEFAULT_TEMPLATES[locale][key], now);
        }
      }
    }
  });
}

/** The current version of a text (or the default), filled for this shop; the hash covers exactly what is sent. */
export function renderCurrent(repo: ConsentRepo, key: TemplateKey, locale: Locale, context: TemplateContext): Policy {
  const row = repo.currentTemplate(key, locale);
  const text = renderTemplate(row?.text ?? DEFAULT_TEMPLATES[locale][key], context);
  return { version: row?.version ?? 0, hash: sha256Hex(text), text };
}
