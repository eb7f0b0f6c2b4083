import type { CaseStatus, CaseTemplates, CaseType } from '../../contract/cases';
import { ApiError } from '../../contract/errors';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import { CASE_VARIABLES, DEFAULT_CASE_TEMPLATES, templateKey, templateKeys, unknownVariables } from './templates';

const SETTINGS_KEY = 'cases.settings';
interface StoredSettings {
  templates?: CaseTemplates;
  autoSend?: Record<string, boolean>;
}

export interface CaseSettingsView {
  templates: CaseTemplates;
  autoSend: Record<string, boolean>;
  variables: string[];
}

/**
 * The shop's status texts (de/en per type and status, defaults filled in) and
 * which status changes message the customer without asking.
 */
export class CaseSettings {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  get(): CaseSettingsView {
    const stored = this.store.settings.get<StoredSettings>(SETTINGS_KEY) ?? {};
    const templates: CaseTemplates = {};
    for (const key of templateKeys()) {
      templates[key] = {
        de: stored.templates?.[key]?.de ?? DEFAULT_CASE_TEMPLATES.de[key]!,
        en: stored.templates?.[key]?.en ?? DEFAULT_CASE_TEMPLATES.en[key]!,
      };
    }
    const autoSend: Record<string, boolean> = {};
    for (const key of templateKeys()) if (!key.endsWith('.reminder')) autoSend[key] = stored.autoSend?.[key] ?? false;
    return { templates, autoSend, variables: [...CASE_VARIABLES] };
  }

  /** Unknown keys and unknown {variables} are refused, naming the field; nothing is saved then. */
  update(patch: { templates?: CaseTemplates; autoSend?: Record<string, boolean> }): CaseSettingsView {
    const known = new Set(templateKeys());
    const stored = this.store.settings.get<StoredSettings>(SETTINGS_KEY) ?? {};
    for (const [key, texts] of Object.entries(patch.templates ?? {})) {
      if (!known.has(key)) throw new ApiError('validation', `templates.${key}: unknown type or status`, { field: `templates.${key}` });
      for (const loc of ['de', 'en'] as const) {
        const bad = unknownVariables(texts[loc]);
        if (bad.length > 0) {
          throw new ApiError('validation', `templates.${key}.${loc}: unknown variable {${bad[0]}}`, { field: `templates.${key}.${loc}` });
        }
      }
    }
    for (const key of Object.keys(patch.autoSend ?? {})) {
      if (!known.has(key) || key.endsWith('.reminder')) {
        throw new ApiError('validation', `autoSend.${key}: unknown type or status`, { field: `autoSend.${key}` });
      }
    }
    this.store.settings.set(
      SETTINGS_KEY,
      { templates: { ...stored.templates, ...patch.templates }, autoSend: { ...stored.autoSend, ...patch.autoSend } },
      this.clock.now(),
    );
    return this.get();
  }

  autoSend(type: CaseType, status: CaseStatus): boolean {
    return this.get().autoSend[templateKey(type, status)] ?? false;
  }
}
