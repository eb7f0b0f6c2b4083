import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { lineActions } from './actions';
import { useLine } from './line-store';

/** Shown in demo mode: the way from training to the shop's real line. */
export function ConnectWhatsAppButton() {
  const { t } = useTranslation();
  const status = useLine((s) => s.status);
  const switching = useLine((s) => s.switching);
  useEffect(() => void lineActions.refresh(), []);
  if (!status || status.mode !== 'demo' || !status.canSwitch) return null;
  return (
    <button
      type="button"
      className="btn"
      data-testid="connect-whatsapp"
      title={t('line.connectWhatsAppTitle')}
      disabled={switching}
      onClick={() => lineActions.switchLine('line.link')}
    >
      {switching ? t('line.switching') : t('line.connectWhatsApp')}
    </button>
  );
}
