import { useTranslation } from '../../i18n/use-translation';
import { setupActions } from './actions';

/** In the settings: the way back into the first-run wizard. */
export function SetupSection() {
  const { t } = useTranslation();
  return (
    <section className="settings-section" id="settings-setup" data-testid="settings-setup">
      <h3 className="settings-section__title">{t('setup.reopen.title')}</h3>
      <p className="settings-section__hint">{t('setup.reopen.hint')}</p>
      <button type="button" className="btn" data-testid="setup-reopen" onClick={() => setupActions.reopen()}>
        {t('setup.reopen.button')}
      </button>
    </section>
  );
}
