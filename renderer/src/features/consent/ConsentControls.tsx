import { useCallback, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { ConsentBadge } from './ConsentBadge';
import { ConsentPanel } from './ConsentPanel';
import { useContactHistory } from './use-history';
import { ScrollText } from 'lucide-react';

/**
 * The conversation header's consent corner: the badge (tooltip says when and
 * how) and the proof drawer. There is deliberately no control that grants consent.
 */
export function ConsentControls({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const history = useContactHistory(contact);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <div className="consent-controls">
      <ConsentBadge consent={contact.consent} events={history?.events} size="large" onClick={() => setOpen((o) => !o)} />
      <button
        type="button"
        className={`btn btn--small${open ? ' btn--active' : ''}`}
        data-testid="consent-history-open"
        aria-expanded={open}
        title={t('consentUi.history.openTitle')}
        onClick={() => setOpen((o) => !o)}
      >
        <ScrollText size={16} aria-hidden="true" />
        {t('consentUi.history.open')}
      </button>
      {open && <ConsentPanel contact={contact} history={history} onClose={close} />}
    </div>
  );
}
