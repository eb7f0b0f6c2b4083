import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGO_MAX_BYTES, SETUP_STEPS, WEEKDAYS, type ConsentSettings, type Locale, type OpeningHours, type SetupStep } from '@contract';
import type { ApiError } from '@contract/errors';
import { api } from '../../api';
import { controller } from '../../app/instance';
import { errorText } from '../../i18n/errors';
import { LOCALES } from '../../i18n';
import { useApp } from '../../store/app';
import { formatDayHours, parseDayHours } from '../bot/hours-form';
import { lineActions } from '../line/actions';
import { onboardingActions } from '../onboarding/actions';
import { useOnboarding } from '../onboarding/onboarding-store';
import { LinkScreen } from '../whatsapp/LinkScreen';
import { setupActions } from './actions';
import { useSetup } from './setup-store';
import './setup.css';

type Errors = Record<string, string>;

/** A labelled field with its error (or hint) right below it, tied to the input for screen readers. */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
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

const described = (id: string, errors: Errors, key: string) => ({
  id,
  'aria-invalid': errors[key] ? true : undefined,
  'aria-describedby': `${id}-msg`,
  'data-testid': id,
});

function Actions({ busy, onBack, extra }: { busy: boolean; onBack?: () => void; extra?: ReactNode }) {
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
function fieldOf(err: ApiError): string {
  return (err.field ?? '').replace(/^patch\./, '').replace(/^shop\./, '');
}

function useStepSave(onSaved: () => void) {
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

function FormError({ errors }: { errors: Errors }) {
  return errors._form ? (
    <p className="setup-form-error" role="alert" data-testid="setup-form-error">
      {errors._form}
    </p>
  ) : null;
}

const MARKUP = /[<>]|javascript:|data:/i;

function ShopStep({ settings, logo, onSaved }: { settings: ConsentSettings; logo: string | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [shop, setShop] = useState({
    name: settings.shop.name,
    address: settings.shop.address,
    phone: settings.shop.phone,
    privacyUrl: settings.shop.privacyUrl,
  });
  const [logoData, setLogoData] = useState<{ base64: string; url: string } | null | undefined>(undefined);
  const [logoError, setLogoError] = useState<string | null>(null);
  const { busy, errors, run } = useStepSave(onSaved);
  const shown = logoData === undefined ? logo : logoData?.url ?? null;

  const check = (): Errors => {
    const e: Errors = {};
    for (const k of ['name', 'address', 'phone', 'privacyUrl'] as const) if (!shop[k].trim()) e[k] = t('setup.required');
    for (const k of ['name', 'address'] as const) if (!e[k] && MARKUP.test(shop[k])) e[k] = t('setup.shop.markup');
    if (!e.privacyUrl && !/^https:\/\/[^\s<>"']+\.[^\s<>"']+$/i.test(shop.privacyUrl.trim())) e.privacyUrl = t('setup.shop.privacyUrlInvalid');
    if (logoError) e.logo = logoError;
    return e;
  };
  const messageFor = (field: string): string | null => {
    if (field === 'phone') return t('setup.shop.phoneInvalid');
    if (field === 'privacyUrl') return t('setup.shop.privacyUrlInvalid');
    if (field === 'logo') return t('setup.shop.logoInvalid');
    if (field === 'name' || field === 'address') return t('setup.shop.markup');
    return null;
  };
  const onLogo = (file: File | undefined) => {
    setLogoError(null);
    if (!file) return;
    if (file.size > LOGO_MAX_BYTES || !['image/png', 'image/jpeg', 'image/webp'].includes(file.type)) {
      setLogoError(t('setup.shop.logoInvalid'));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      setLogoData({ url, base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      check,
      () =>
        setupActions.save({
          step: 'shop',
          ...shop,
          ...(logoData === undefined ? {} : { logo: logoData ? { base64: logoData.base64 } : null }),
        }),
      messageFor,
    );
  };
  const text = (name: keyof typeof shop, type = 'text', max = 120, autoComplete?: string) => (
    <input
      className="input"
      type={type}
      maxLength={max}
      autoComplete={autoComplete}
      value={shop[name]}
      onChange={(ev) => setShop({ ...shop, [name]: ev.target.value })}
      {...described(`setup-shop-${name}`, errors, name)}
    />
  );
  const logoErr = errors.logo ?? logoError ?? undefined;
  return (
    <form onSubmit={submit} noValidate>
      <h2 className="setup-step__title">{t('setup.shop.title')}</h2>
      <p className="setup-step__hint">{t('setup.shop.hint')}</p>
      <div className="setup-grid">
        <Field id="setup-shop-name" label={t('setup.shop.name')} error={errors.name}>
          {text('name', 'text', 120, 'organization')}
        </Field>
        <Field id="setup-shop-phone" label={t('setup.shop.phone')} hint={t('setup.shop.phoneHint')} error={errors.phone}>
          {text('phone', 'tel', 32, 'tel')}
        </Field>
        <Field id="setup-shop-address" label={t('setup.shop.address')} error={errors.address}>
          {text('address', 'text', 300, 'street-address')}
        </Field>
        <Field id="setup-shop-privacyUrl" label={t('setup.shop.privacyUrl')} hint={t('setup.shop.privacyUrlHint')} error={errors.privacyUrl}>
          {text('privacyUrl', 'url', 500, 'url')}
        </Field>
        <Field id="setup-shop-logo" label={t('setup.shop.logo')} hint={t('setup.shop.logoHint')} error={logoErr}>
          <div className="setup-logo">
            {shown && <img src={shown} alt={t('setup.shop.logoAlt')} className="setup-logo__img" data-testid="setup-logo-preview" />}
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp"
              onChange={(ev) => onLogo(ev.target.files?.[0])}
              {...described('setup-shop-logo', { logo: logoErr ?? '' }, 'logo')}
            />
            {shown && (
              <button type="button" className="btn btn--small" onClick={() => setLogoData(null)}>
                {t('setup.shop.logoRemove')}
              </button>
            )}
          </div>
        </Field>
      </div>
      <FormError errors={errors} />
      <Actions busy={busy} />
    </form>
  );
}

function HoursStep({ settings, onSaved, onBack }: { settings: ConsentSettings; onSaved: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<Record<string, string>>(
    Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayHours(settings.shop.openingHours[d])])),
  );
  const { busy, errors, run } = useStepSave(onSaved);
  const check = (): Errors => {
    const e: Errors = {};
    for (const d of WEEKDAYS) if (parseDayHours(days[d] ?? '') === null) e[d] = t('setup.hours.invalid');
    return e;
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(
      check,
      () => {
        const openingHours = Object.fromEntries(WEEKDAYS.map((d) => [d, parseDayHours(days[d] ?? '') ?? []])) as OpeningHours;
        return setupActions.save({ step: 'hours', openingHours });
      },
      (field) => (field.startsWith('openingHours') ? t('setup.hours.invalid') : null),
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2 className="setup-step__title">{t('setup.hours.title')}</h2>
      <p className="setup-step__hint">{t('setup.hours.hint')}</p>
      <div className="setup-hours">
        {WEEKDAYS.map((d) => (
          <Field key={d} id={`setup-hours-${d}`} label={t(`setup.hours.days.${d}`)} error={errors[d] ?? (errors.openingHours && d === 'mon' ? errors.openingHours : undefined)}>
            <input
              className="input"
              value={days[d] ?? ''}
              placeholder={t('setup.hours.closed')}
              onChange={(e) => setDays({ ...days, [d]: e.target.value })}
              {...described(`setup-hours-${d}`, errors, d)}
            />
          </Field>
        ))}
      </div>
      <FormError errors={errors} />
      <Actions busy={busy} onBack={onBack} />
    </form>
  );
}

function ManagerStep({ onSaved, onBack }: { onSaved: () => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const locale = (LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'de';
  const { busy, errors, run } = useStepSave(onSaved);
  const check = (): Errors => {
    const e: Errors = {};
    if (!name.trim()) e.name = t('setup.required');
    else if (MARKUP.test(name)) e.name = t('setup.shop.markup');
    if (!/^\d{4,8}$/.test(pin)) e.pin = t('setup.manager.pinInvalid');
    else if (pin !== pin2) e.pin2 = t('setup.manager.pinMismatch');
    return e;
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(check, () => setupActions.save({ step: 'manager', name: name.trim(), pin, locale }), (field) =>
      field === 'pin' ? t('setup.manager.pinInvalid') : field === 'name' ? t('setup.shop.markup') : null,
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2 className="setup-step__title">{t('setup.manager.title')}</h2>
      <p className="setup-step__hint">{t('setup.manager.hint')}</p>
      <div className="setup-grid">
        <Field id="setup-manager-name" label={t('setup.manager.name')} error={errors.name}>
          <input className="input" value={name} maxLength={60} autoComplete="name" onChange={(e) => setName(e.target.value)} {...described('setup-manager-name', errors, 'name')} />
        </Field>
        <div className="setup-field">
          <span className="setup-field__label" id="setup-language-label">
            {t('setup.manager.language')}
          </span>
          <div className="segmented" role="group" aria-labelledby="setup-language-label" data-testid="setup-language">
            {LOCALES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                className={`segmented__btn${locale === l ? ' segmented__btn--on' : ''}`}
                aria-pressed={locale === l}
                data-testid={`setup-language-${l}`}
                onClick={() => void controller.setLocale(l)}
              >
                {l === 'de' ? 'Deutsch' : 'English'}
              </button>
            ))}
          </div>
        </div>
        <Field id="setup-manager-pin" label={t('setup.manager.pin')} error={errors.pin}>
          <input className="input" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(e) => setPin(e.target.value)} {...described('setup-manager-pin', errors, 'pin')} />
        </Field>
        <Field id="setup-manager-pin2" label={t('setup.manager.pinRepeat')} error={errors.pin2}>
          <input className="input" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin2} onChange={(e) => setPin2(e.target.value)} {...described('setup-manager-pin2', errors, 'pin2')} />
        </Field>
      </div>
      <FormError errors={errors} />
      <Actions busy={busy} onBack={onBack} />
    </form>
  );
}

function ConsentStep({ settings, onSaved, onBack }: { settings: ConsentSettings; onSaved: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(String(settings.quarantineHours));
  const [customerLocale, setCustomerLocale] = useState<Locale>(settings.customerLocale);
  const [preview, setPreview] = useState<{ request: string; confirmation: string } | null>(null);
  const { busy, errors, run } = useStepSave(onSaved);
  useEffect(() => {
    let live = true;
    setPreview(null);
    api
      .call('setup.preview', { locale: customerLocale })
      .then((p) => live && setPreview(p))
      .catch(() => live && setPreview(null));
    return () => {
      live = false;
    };
  }, [customerLocale]);
  const parsed = /^\d+$/.test(hours.trim()) ? Number(hours.trim()) : NaN;
  // The preview shows the time being typed, exactly where the saved text names it.
  const withHours = (text: string) =>
    Number.isInteger(parsed) && parsed >= 1 && parsed <= 720 ? text.replaceAll(`${settings.quarantineHours} `, `${parsed} `) : text;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(
      (): Errors => (Number.isInteger(parsed) && parsed >= 1 && parsed <= 720 ? {} : { quarantineHours: t('setup.consent.quarantineInvalid') }),
      () => setupActions.save({ step: 'consent', quarantineHours: parsed, customerLocale }),
      (field) => (field === 'quarantineHours' ? t('setup.consent.quarantineInvalid') : null),
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2 className="setup-step__title">{t('setup.consent.title')}</h2>
      <p className="setup-step__hint">{t('setup.consent.hint')}</p>
      <div className="setup-grid">
        <Field id="setup-consent-hours" label={t('setup.consent.quarantine')} error={errors.quarantineHours}>
          <input className="input" inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} {...described('setup-consent-hours', errors, 'quarantineHours')} />
        </Field>
        <Field id="setup-consent-locale" label={t('setup.consent.customerLocale')}>
          <select className="input" id="setup-consent-locale" data-testid="setup-consent-locale" value={customerLocale} onChange={(e) => setCustomerLocale(e.target.value as Locale)}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </Field>
      </div>
      <div className="setup-preview" data-testid="setup-preview">
        {preview ? (
          <>
            <h3 className="setup-preview__title">{t('setup.consent.preview')}</h3>
            <div className="setup-bubble" data-testid="setup-preview-request">
              {withHours(preview.request)}
            </div>
            <h3 className="setup-preview__title">{t('setup.consent.previewConfirmation')}</h3>
            <div className="setup-bubble">{withHours(preview.confirmation)}</div>
          </>
        ) : (
          <p className="setup-step__hint">{t('setup.consent.previewLoading')}</p>
        )}
      </div>
      <FormError errors={errors} />
      <Actions busy={busy} onBack={onBack} />
    </form>
  );
}

/** How long linking may take before the wizard says so (the way back is always there). */
const SLOW_MS = 90_000;

function LineStep({ onSaved, onBack }: { onSaved: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const channel = useApp((s) => s.channel);
  const demo = useApp((s) => s.info?.demo ?? true);
  const [canSwitch, setCanSwitch] = useState<boolean | null>(null);
  const [slow, setSlow] = useState(false);
  const { busy, errors, run } = useStepSave(onSaved);
  useEffect(() => {
    api
      .call('line.status', {})
      .then((s) => setCanSwitch(s.canSwitch))
      .catch(() => setCanSwitch(false));
  }, []);
  const linking = !demo && channel?.kind === 'whatsapp' && channel.state !== 'connected';
  useEffect(() => {
    if (!linking) return;
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [linking]);

  const choose = (choice: 'demo' | 'whatsapp') =>
    void run(() => ({}), () => setupActions.save({ step: 'line', choice }), () => null);

  if (!demo && channel?.kind === 'whatsapp') {
    const failed = channel.state === 'failed' || channel.state === 'logged_out';
    return (
      <div>
        <h2 className="setup-step__title">{t('setup.line.title')}</h2>
        {channel.state !== 'connected' && (failed || slow) && (
          <p className="setup-form-error" role="alert" data-testid="setup-line-trouble">
            {failed ? t('setup.line.failed') : t('setup.line.slow')}
          </p>
        )}
        <FormError errors={errors} />
        <div className="setup-actions setup-actions--start">
          <button type="button" className="btn" data-testid="setup-line-back" onClick={() => choose('demo')}>
            {t('setup.line.backToDemo')}
          </button>
          {channel.state === 'connected' && (
            <button type="button" className="btn btn--primary" data-testid="setup-next" onClick={() => choose('whatsapp')}>
              {t('setup.next')}
            </button>
          )}
        </div>
        {channel.state === 'connected' ? (
          <p className="setup-ok" role="status" data-testid="setup-line-connected">
            ✓ {t('setup.line.connected')}
          </p>
        ) : (
          <LinkScreen
            state={channel}
            onUsePairingCode={(digits) => lineActions.requestPairingCode(digits)}
            onLink={() => lineActions.switchLine('line.link')}
          />
        )}
      </div>
    );
  }

  return (
    <div>
      <h2 className="setup-step__title">{t('setup.line.title')}</h2>
      <p className="setup-step__hint">{t('setup.line.hint')}</p>
      <p className="setup-risks" data-testid="setup-line-risks">
        {t('setup.line.risks')}
      </p>
      <div className="setup-choices">
        <button type="button" className="setup-choice" data-testid="setup-line-demo" disabled={busy} onClick={() => choose('demo')}>
          <strong>{t('setup.line.demo')}</strong>
          <span>{t('setup.line.demoHint')}</span>
        </button>
        <button
          type="button"
          className="setup-choice"
          data-testid="setup-line-link"
          disabled={busy || canSwitch === false}
          aria-describedby={canSwitch === false ? 'setup-line-demo-only' : undefined}
          onClick={() => choose('whatsapp')}
        >
          <strong>{t('setup.line.link')}</strong>
          <span>{busy ? t('setup.line.linking') : t('setup.line.linkHint')}</span>
        </button>
      </div>
      {canSwitch === false && (
        <p className="setup-step__hint" id="setup-line-demo-only">
          {t('setup.line.demoOnly')}
        </p>
      )}
      <FormError errors={errors} />
      <div className="setup-actions">
        <button type="button" className="btn" onClick={onBack} data-testid="setup-back">
          {t('setup.back')}
        </button>
      </div>
    </div>
  );
}

function PosterStep({ onSaved, onBack }: { onSaved: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const poster = useOnboarding((s) => s.poster);
  const { busy, errors, run } = useStepSave(onSaved);
  const finish = () => void run(() => ({}), () => setupActions.save({ step: 'poster' }), () => null);
  return (
    <div>
      <h2 className="setup-step__title">{t('setup.poster.title')}</h2>
      <p className="setup-step__hint">{t('setup.poster.hint')}</p>
      <div className="setup-actions setup-actions--start">
        <button type="button" className="btn btn--primary" data-testid="setup-poster-print" disabled={poster.state === 'busy'} onClick={() => void onboardingActions.printPoster()}>
          {poster.state === 'busy' ? t('setup.poster.busy') : t('setup.poster.print')}
        </button>
      </div>
      {poster.state === 'done' && (
        <p className="setup-ok" role="status" data-testid="setup-poster-done">
          ✓ {t('setup.poster.done', { fileName: poster.fileName })}
        </p>
      )}
      {poster.state === 'failed' && (
        <p className="setup-form-error" role="alert">
          {t('setup.poster.failed', { message: errorText(t, poster.error) })}
        </p>
      )}
      <FormError errors={errors} />
      <div className="setup-actions">
        <button type="button" className="btn" onClick={onBack} data-testid="setup-back">
          {t('setup.back')}
        </button>
        <button type="button" className="btn btn--primary" data-testid="setup-next" disabled={busy} onClick={finish}>
          {poster.state === 'done' ? t('setup.next') : t('setup.poster.skip')}
        </button>
      </div>
    </div>
  );
}

function DoneStep({ missing }: { missing: SetupStep[] }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const required = missing.filter((s) => s !== 'poster');
  return (
    <div>
      <h2 className="setup-step__title">{t('setup.done.title')}</h2>
      <p className="setup-step__hint">{t('setup.done.lead')}</p>
      {required.length > 0 && (
        <p className="setup-form-error" role="alert">
          {t('setup.done.missing', { steps: required.map((s) => t(`setup.steps.${s}`)).join(', ') })}
        </p>
      )}
      {error && (
        <p className="setup-form-error" role="alert">
          {t('setup.saveFailed', { message: errorText(t, error) })}
        </p>
      )}
      <div className="setup-actions">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="setup-finish"
          disabled={required.length > 0}
          onClick={() => void setupActions.complete().then(setError)}
        >
          {t('setup.done.open')}
        </button>
      </div>
    </div>
  );
}

/**
 * The first-run wizard: shown until the set-up is completed, and from the
 * settings later. A first run shows only the steps main says are missing;
 * each step is saved in main before the next one opens.
 */
export function SetupWizard() {
  const { t, i18n } = useTranslation();
  const state = useSetup((s) => s.state);
  const reopened = useSetup((s) => s.reopened);
  const firstDone = useSetup((s) => s.firstDone) ?? [];
  const [settings, setSettings] = useState<ConsentSettings | null>(null);
  const [chosen, setChosen] = useState<SetupStep | 'done' | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .call('settings.get', {})
      .then((s) => live && setSettings(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [version]);

  if (!state || !settings) return <main className="setup" data-testid="setup-wizard" aria-busy="true" />;
  // Reopened from the settings: every step; a first run: only what is missing (and what was done in this run).
  const steps: readonly SetupStep[] = reopened ? SETUP_STEPS : SETUP_STEPS.filter((s) => !firstDone.includes(s));
  const firstMissing = SETUP_STEPS.find((s) => state.missing.includes(s)) ?? 'done';
  const current = chosen ?? (reopened ? 'shop' : firstMissing);
  const index = current === 'done' ? steps.length : steps.indexOf(current);
  const goNext = () => {
    setVersion((v) => v + 1);
    setChosen(reopened ? (steps[index + 1] ?? 'done') : nextMissingAfter(index, steps));
  };
  const goBack = () => setChosen(steps[Math.max(0, index - 1)] ?? null);

  return (
    <main className="setup" data-testid="setup-wizard" data-step={current}>
      <div className="setup__panel">
        <header className="setup__head">
          {state.logo && <img src={state.logo} alt={t('setup.shop.logoAlt')} className="setup__logo" />}
          <div>
            <h1 className="setup__title">{t('setup.title')}</h1>
            <p className="setup__lead">{t('setup.lead')}</p>
          </div>
          <div className="segmented setup__lang" role="group" aria-label={t('setup.manager.language')} data-testid="setup-ui-language">
            {LOCALES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                className={`segmented__btn${i18n.language === l ? ' segmented__btn--on' : ''}`}
                aria-pressed={i18n.language === l}
                onClick={() => void controller.setLocale(l)}
              >
                {l.toUpperCase()}
              </button>
            ))}
          </div>
          {reopened && (
            <button type="button" className="btn setup__close" data-testid="setup-close" onClick={() => setupActions.close()}>
              {t('setup.close')}
            </button>
          )}
        </header>
        <ol className="setup-steps" aria-label={t('setup.stepsLabel')}>
          {steps.map((s, i) => {
            const isDone = state.done.includes(s);
            return (
              <li key={s} className={`setup-steps__item${s === current ? ' setup-steps__item--current' : ''}${isDone ? ' setup-steps__item--done' : ''}`}>
                <button type="button" className="setup-steps__btn" aria-current={s === current ? 'step' : undefined} onClick={() => setChosen(s)} data-testid={`setup-step-${s}`}>
                  <span className="setup-steps__num" aria-hidden="true">
                    {isDone ? '✓' : i + 1}
                  </span>
                  {t(`setup.steps.${s}`)}
                  {isDone && <span className="visually-hidden"> ({t('setup.stepDone')})</span>}
                </button>
              </li>
            );
          })}
        </ol>
        <section className="setup-step" key={`${current}-${version}`}>
          {current === 'shop' && <ShopStep settings={settings} logo={state.logo} onSaved={goNext} />}
          {current === 'hours' && <HoursStep settings={settings} onSaved={goNext} onBack={goBack} />}
          {current === 'manager' && <ManagerStep onSaved={goNext} onBack={goBack} />}
          {current === 'consent' && <ConsentStep settings={settings} onSaved={goNext} onBack={goBack} />}
          {current === 'line' && <LineStep onSaved={goNext} onBack={goBack} />}
          {current === 'poster' && <PosterStep onSaved={goNext} onBack={goBack} />}
          {current === 'done' && <DoneStep missing={state.missing} />}
        </section>
      </div>
    </main>
  );
}

function nextMissingAfter(index: number, steps: readonly SetupStep[]): SetupStep | 'done' {
  const missing = useSetup.getState().state?.missing ?? [];
  return steps.slice(index + 1).find((s) => missing.includes(s)) ?? steps.find((s) => missing.includes(s)) ?? 'done';
}
