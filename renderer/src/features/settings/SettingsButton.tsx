import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { SettingsView } from './SettingsView';
import { useSettingsView } from './settings-store';

/** The header's settings button and the screen it opens. */
export function SettingsButton() {
  const { t } = useTranslation();
  const open = useSettingsView((s) => s.open);
  const show = useSettingsView((s) => s.show);
  return (
    <>
      <button type="button" className="btn" data-testid="settings-open" title={t('settings.buttonTitle')} onClick={() => show()}>
        <span aria-hidden="true">⚙ </span>
        {t('settings.button')}
      </button>
      {/* Outside the header, so the header's button styles do not reach the screen. */}
      {open && createPortal(<SettingsView />, document.body)}
    </>
  );
}
