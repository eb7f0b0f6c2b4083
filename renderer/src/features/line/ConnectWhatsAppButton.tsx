import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { lineStringsFor } from './strings';
import { useLineStatus } from './use-line';

/** Shown in demo mode: the way from training to the shop's real line. */
export function ConnectWhatsAppButton() {
  const { i18n } = useTranslation();
  const s = lineStringsFor(i18n.language);
  const { status } = useLineStatus();
  const [busy, setBusy] = useState(false);
  if (!status || status.mode !== 'demo' || !status.canSwitch) return null;
  return (
    <button
      type="button"
      className="btn"
      data-testid="connect-whatsapp"
      title={s.connectWhatsAppTitle}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        api.call('line.link', {}).catch(() => setBusy(false));
      }}
    >
      {busy ? s.switching : s.connectWhatsApp}
    </button>
  );
}
