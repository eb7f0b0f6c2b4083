import { useState } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { ConsentSettings } from '@contract';
import { settingsActions } from '../actions';
import { Field, SaveStatus, Section } from '../parts';
import { errorConcerns, errorField } from '../settings-form';
import { useSettings } from '../settings-store';
import { useSave } from '../use-save';

/** The text fields of the shop profile (time zone and opening hours have their own editors). */
type ShopField = 'name' | 'address' | 'phone' | 'privacyUrl';

export function ShopSection({ settings }: { settings: ConsentSettings }) {
  const { t } = useTranslation();
  const [shop, setShop] = useState(settings.shop);
  const { save, run } = useSave<ConsentSettings>();
  const errPath = save.state === 'failed' ? errorField(save.error.field) : null;
  const fieldError = (name: ShopField): string | null => {
    if (save.state !== 'failed' || !errorConcerns(errPath, `shop.${name}`)) return null;
    // The number is the one field staff gets wrong; say how to write it.
    return name === 'phone' ? t('settings.shop.phoneInvalid') : t('settings.fieldInvalid');
  };

  const submit = async (): Promise<void> => {
    // The shop patch replaces the whole profile: keep what other sections saved (holidays, hours).
    const latest = useSettings.getState().settings?.shop ?? settings.shop;
    const { name, address, phone, privacyUrl } = shop;
    const next = await run(() => settingsActions.savePatch({ shop: { ...latest, name, address, phone, privacyUrl } }));
    if (next) setShop(next.shop);
  };

  const input = (name: ShopField, type = 'text', maxLength = 120) => (
    <input
      className="input"
      type={type}
      data-testid={`settings-shop-${name}`}
      value={shop[name]}
      maxLength={maxLength}
      aria-invalid={fieldError(name) ? true : undefined}
      onChange={(e) => setShop({ ...shop, [name]: e.target.value })}
    />
  );

  return (
    <Section id="shop" title={t('settings.shop.title')} hint={t('settings.shop.hint')}>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="settings-grid settings-grid--two">
          <Field label={t('settings.shop.name')} error={fieldError('name')}>
            {input('name')}
          </Field>
          <Field label={t('settings.shop.phone')} hint={t('settings.shop.phoneHint')} error={fieldError('phone')}>
            {input('phone', 'tel', 32)}
          </Field>
          <Field label={t('settings.shop.address')} error={fieldError('address')}>
            {input('address', 'text', 300)}
          </Field>
          <Field label={t('settings.shop.privacyUrl')} hint={t('settings.shop.privacyUrlHint')} error={fieldError('privacyUrl')}>
            {input('privacyUrl', 'url', 500)}
          </Field>
        </div>
        <div className="settings-actions">
          <button type="submit" className="btn btn--primary" data-testid="settings-shop-save" disabled={save.state === 'busy'}>
            {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
          </button>
          {/* Errors that belong to a field are shown there; others here. */}
          {(save.state !== 'failed' || !errPath?.startsWith('shop.')) && <SaveStatus save={save} testId="settings-shop-status" />}
        </div>
      </form>
    </Section>
  );
}
