// The first-run wizard's form parts: a labelled field with its message, the step buttons, saving a step.
import { useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ApiError } from '@contract/errors';
import { errorText } from '../../i18n/errors';

export type Errors = Record<string, string>;

/** A labelled field with its error (or hint) right below it, tied to the input for screen readers. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`setup-field${error ? ' setup-field--error' : ''}`}>
      <label className="setup-field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <span className="setup-field__error" role="alert" id={`${id}-msg`} data-testid={`${id}-error`}>
          {error}
        </span>
      ) : (
        hint && (
          <span className="setup-field__hint" id={`${id}-msg`}>
            {hint}
          </span>
        )
      )}
    </div>
  );
}

export const described = (id: string, errors: Errors, key: string) => ({
  id,
  'aria-invalid': errors[key] ? true : undefined,
  'aria-describedby': `${id}-msg`,
  'data-testid': id,
});

export function Actions({ busy, onBack, extra }: { busy: boolean; onBack?: () => void; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="setup-actions">
      {onBack && (
        <button type="button" className="btn" onClick={onBack} data-testid="setup-back">
          {t('setup.back')}
        </button>
      )}
      {extra}
      <button type="submit" className="btn btn--primary" disabled={busy} data-testid="setup-next">
        {busy ? t('setup.saving') : t('setup.next')}
      </button>
    </div>
  );
}

/** Maps main's error to the form field it concerns (main's field path, without a `shop.` prefix). */
export function fieldOf(err: ApiError): string {
  return (err.field ?? '').replace(/^patch\./, '').replace(/^shop\./, '');
}

export function useStepSave(onSaved: () => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const run = async (check: () => Errors, save: () => Promise<ApiError | null>, messageFor: (field: string, err: ApiError) => string | null) => {
    const local = check();
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const err = await save();
    setBusy(false);
    if (!err) {
      onSaved();
      return;
    }
    const field = fieldOf(err);
    const text = messageFor(field, err);
    setErrors(text ? { [field.split('.')[0]!]: text } : { _form: t('setup.saveFailed', { message: errorText(t, err) }) });
  };
  return { busy, errors, run };
}

export function FormError({ errors }: { errors: Errors }) {
  return errors._form ? (
    <p className="setup-form-error" role="alert" data-testid="setup-form-error">
      {errors._form}
    </p>
  ) : null;
}

export const MARKUP = /[<>]|javascript:|data:/i;
