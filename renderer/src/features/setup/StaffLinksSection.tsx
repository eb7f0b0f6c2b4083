import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { StaffStartLink } from '@contract';
import { api } from '../../api';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { base64ToBytes, safeFileName, svgDataUrl } from '../onboarding/onboarding-ui';
import { downloadBytes } from '../../lib/download';
import './staff-links.css';

interface ProfileLite {
  id: number;
  name: string;
}


/**
 * Staff start links: each profile's own wa.me link with "START <code>", as a
 * QR, a printable card and a text the employee forwards from their private
 * phone, so their customers move to the shop's line (and land in their chats).
 */
export function StaffLinksSection() {
  const { t } = useTranslation();
  const [profiles, setProfiles] = useState<ProfileLite[] | null>(null);
  const [open, setOpen] = useState<StaffStartLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    api
      .call('profiles.list', {})
      .then((list) => setProfiles(list.map((p) => ({ id: p.id, name: p.name }))))
      .catch((err: unknown) => setError(errorText(t, toApiError(err))));
  }, [t]);
  const show = async (profileId: number) => {
    setError(null);
    setCopied(false);
    try {
      setOpen(await api.call('staff.startLink', { profileId }));
    } catch (err) {
      setError(errorText(t, toApiError(err)));
    }
  };
  const card = async (profileId: number) => {
    try {
      const { fileName, pdfBase64 } = await api.call('staff.startCard', { profileId });
      downloadBytes(safeFileName(fileName, 'tresen-karte.pdf'), base64ToBytes(pdfBase64), 'application/pdf');
    } catch (err) {
      setError(errorText(t, toApiError(err)));
    }
  };
  return (
    <section className="settings-section" id="settings-staffLinks" data-testid="settings-staff-links">
      <h3 className="settings-section__title">{t('setup.staff.title')}</h3>
      <p className="settings-section__hint">{t('setup.staff.hint')}</p>
      {profiles && profiles.length === 0 && <p className="empty-state">{t('setup.staff.empty')}</p>}
      <ul className="staff-links">
        {profiles?.map((p) => (
          <li key={p.id} className="staff-links__row">
            <span className="staff-links__name">{p.name}</span>
            <button type="button" className="btn btn--small" data-testid={`staff-link-${p.id}`} onClick={() => void show(p.id)}>
              {t('setup.staff.show')}
            </button>
            <button type="button" className="btn btn--small" data-testid={`staff-card-${p.id}`} onClick={() => void card(p.id)}>
              {t('setup.staff.card')}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {error}
        </p>
      )}
      {open && (
        <div className="staff-link" data-testid="staff-link">
          <img src={svgDataUrl(open.svg)} alt={t('setup.staff.qrAlt', { text: open.text })} width={180} height={180} />
          <div className="staff-link__body">
            <p>
              {t('setup.staff.prefilled')} <strong data-testid="staff-link-text">{open.text}</strong>
            </p>
            <p className="staff-link__url" data-testid="staff-link-url">
              {open.link}
            </p>
            <label className="settings-field">
              <span className="settings-field__label">{t('setup.staff.share')}</span>
              <textarea className="input" readOnly rows={4} value={open.share} data-testid="staff-link-share" />
            </label>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                void navigator.clipboard?.writeText(open.share).then(() => setCopied(true));
              }}
            >
              {copied ? t('setup.staff.copied') : t('setup.staff.copy')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
