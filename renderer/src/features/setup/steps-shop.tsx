// The wizard's steps about the shop: profile, opening hours, the manager's PIN, the consent texts.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ConsentSettings, Locale, OpeningHours } from '@contract';
import { LOGO_MAX_BYTES, WEEKDAYS } from '@contract/constants';
import { api } from '../../api';
import { controller } from '../../app/instance';
import { LOCALES } from '../../i18n';
import { formatDayHours, parseDayHours } from '../bot/hours-form';
import { setupActions } from './actions';
import { Field, Actions, useStepSave, FormError, MARKUP, type Errors, described } from './wizard-form';

export function ShopStep({ settings, logo, onSaved }: { settings: ConsentSettings; logo: string | null; onSaved: () => void }) {
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

export function HoursStep({ settings, onSaved, onBack }: { settings: ConsentSettings; onSaved: () => void; onBack: () => void }) {
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

export function ManagerStep({ onSaved, onBack }: { onSaved: () => void; onBack: () => void }) {
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

export function ConsentStep({ settings, onSaved, onBack }: { settings: ConsentSettings; onSaved: () => void; onBack: () => void }) {
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
