import type { CaseNotification } from '@contract';
import { CASE_FIELDS_BY_TYPE, CONSENT_HOLD_REASONS } from '@contract/constants';

/** Which date/carrier fields a type carries in the create form (the main process checks again). */
export const FORM_FIELDS = CASE_FIELDS_BY_TYPE;

const CONSENT_REASONS = CONSENT_HOLD_REASONS;

/** The i18n key for a notification state ("nicht benachrichtigt – keine Einwilligung" for every consent reason). */
export function notificationKey(n: CaseNotification | null): string | null {
  if (!n) return null;
  if (n.state === 'queued') return 'cases.notification.queued';
  if (n.reason && CONSENT_REASONS.includes(n.reason)) return 'cases.notification.consent';
  if (n.reason === 'not_requested' || n.reason === 'unchanged' || n.reason === 'import') return `cases.notification.${n.reason}`;
  return 'cases.notification.not_sent';
}

export const isConsentReason = (n: CaseNotification | null): boolean =>
  !!n && n.state === 'not_sent' && CONSENT_REASONS.includes(n.reason ?? '');

/** A `datetime-local` value → ISO 8601 with offset (the counter PC's zone is the shop's). */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function formatCaseDate(iso: string | null, locale: string): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  const endOfDay = d.getHours() === 23 && d.getMinutes() === 59;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', endOfDay ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
