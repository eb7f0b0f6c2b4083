import type { Locale, TemplateKey, TemplateView } from '@contract';

/** Keywords as staff types them: one per line (commas also split), trimmed, no duplicates. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n,;]+/)) {
    const word = raw.trim();
    if (!word) continue;
    const key = word.toLocaleUpperCase('de');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

export const keywordsText = (list: readonly string[]): string => list.join('\n');

/**
 * Where a validation error from settings.update belongs: its field path
 * without the `patch.` wrapper, e.g. "shop.phone" or "keywords.de.confirm.0".
 */
export function errorField(field: string | undefined): string | null {
  if (!field) return null;
  return field.replace(/^patch\./, '');
}

/** Whether an error path concerns a form field (the field or anything below it). */
export const errorConcerns = (errorPath: string | null, field: string): boolean =>
  errorPath !== null && (errorPath === field || errorPath.startsWith(`${field}.`));

export const HOURS_MIN = 1;
export const HOURS_MAX = 24 * 30;

/** Hours as typed: a whole number within the contract's range, or null. */
export function parseHours(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= HOURS_MIN && n <= HOURS_MAX ? n : null;
}

export { TEMPLATE_KEYS } from '@contract/constants';

/** Versions of one text, newest first. */
export function versionsOf(all: readonly TemplateView[], key: TemplateKey, locale: Locale): TemplateView[] {
  return all.filter((v) => v.key === key && v.locale === locale).sort((a, b) => b.version - a.version);
}

/** Example rows for the consent import, matching what consent.import expects. */
export const IMPORT_EXAMPLE =
  'phone,purpose,source,reference,date\n+4915112345678,service,paper_form,Formular 17,2024-03-01\n+4915112345679,marketing,web_double_opt_in,Anmeldung 4711,2024-03-02';

/** Rows for a text area so a whole customer text is visible without scrolling. */
export const textRows = (text: string, min = 5, max = 18): number =>
  Math.min(max, Math.max(min, text.split('\n').length + 1));
