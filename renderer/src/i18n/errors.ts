import type { TFunction } from 'i18next';
import { ERROR_CODES, type ApiErrorCode } from '@contract/errors';
import { toApiError } from '../api/client';

/** i18n key for each code main can send; the words live in app/i18n/<locale>.ts under `errors`. */
export const errorKey = (code: ApiErrorCode): `errors.${ApiErrorCode}` => `errors.${code}`;
export const ERROR_KEYS = ERROR_CODES.map(errorKey);

/**
 * The staff's words for any failure, chosen from the error's code, reason and
 * field. The `message` main sends is developer text and is never shown.
 */
export function errorText(t: TFunction, err: unknown): string {
  const e = toApiError(err);
  if (e.code === 'consent_required' && e.reason) {
    const key = `consentReason.${e.reason}`;
    const text = t(key, { defaultValue: '' });
    if (text) return text;
  }
  if (e.code === 'validation' && e.field) return t('errors.validationField', { field: e.field });
  return t(errorKey(e.code));
}
