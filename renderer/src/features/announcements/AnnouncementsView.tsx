import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AnnouncementView } from '@contract';
import { errorText } from '../../i18n/errors';
import { useUi } from '../../store/ui';
import { announcementActions } from './actions';
import { useAnnouncements } from './announcements-store';
import '../settings/settings.css';
import './announcements.css';

/** Compose news for subscribers, check who gets it and why not, schedule, follow progress. */
export function AnnouncementsView() {
  const { t } = useTranslation();
  const hide = useCallback(() => useUi.getState().hide('announcements'), []);
  const { items, preview, pacing, error } = useAnnouncements();
  const [text, setText] = useState('');
  const [sendAt, setSendAt] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = text.trim() === '';

  useEffect(() => announcementActions.open(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hide]);

  const create = async (): Promise<void> => {
    setTouched(true);
    if (empty) return;
    await announcementActions.create(text, sendAt ? new Date(sendAt).toISOString() : undefined);
    setText('');
    setSendAt('');
    setTouched(false);
  };

  return (
    <div className="settings" role="dialog" aria-modal="true" aria-labelledby="announcements-title" data-testid="announcements">
      <header className="settings__header">
        <h2 id="announcements-title" className="settings__title">
          {t('announcements.title')}
        </h2>
        <button type="button" className="btn" data-testid="announcements-close" onClick={hide}>
          ✕ {t('announcements.close')}
        </button>
      </header>
      <div className="settings__body">
        <p className="banner banner--warn" data-testid="announcements-warning">
          {t('announcements.warning', { cap: pacing?.weeklyCap ?? 2 })}
        </p>
        {error && (
          <p className="settings__status settings__status--error" role="alert">
            {t('announcements.failed', { message: errorText(t, error) })}
          </p>
        )}
        <section className="settings-section">
          <label className="settings-field">
            <span className="settings-field__label">{t('announcements.text')}</span>
            <textarea
              className="input"
              rows={4}
              data-testid="announcement-text"
              value={text}
              aria-invalid={touched && empty ? true : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            {touched && empty && (
              <span className="settings-field__error" role="alert">
                {t('announcements.empty')}
              </span>
            )}
          </label>
          <label className="settings-field">
            <span className="settings-field__label">{t('announcements.sendAt')}</span>
            <input className="input" type="datetime-local" data-testid="announcement-send-at" value={sendAt} onChange={(e) => setSendAt(e.target.value)} />
          </label>
          <div className="settings-actions">
            <button
              type="button"
              className="btn"
              data-testid="announcement-preview"
              onClick={() => {
                setTouched(true);
                if (!empty) void announcementActions.preview(text);
              }}
            >
              {t('announcements.preview')}
            </button>
            <button type="button" className="btn btn--primary" data-testid="announcement-create" onClick={() => void create()}>
              {sendAt ? t('announcements.schedule') : t('announcements.create')}
            </button>
          </div>
          {preview && (
            <div className="ann-preview" data-testid="announcement-recipients">
              <p>
                {t('announcements.sample')} <q>{preview.sample}</q>
              </p>
              <div className="ann-preview__cols">
                <div>
                  <h3 className="settings-section__title">{t('announcements.recipients', { count: preview.recipients.length })}</h3>
                  <ul>
                    {preview.recipients.map((r) => (
                      <li key={r.contactId}>{r.name ? `${r.name} (${r.phone})` : r.phone}</li>
                    ))}
                  </ul>
                </div>
                <div>
                  <h3 className="settings-section__title">{t('announcements.skipped', { count: preview.skipped.length })}</h3>
                  <ul data-testid="announcement-skipped">
                    {preview.skipped.map((r) => (
                      <li key={r.contactId}>
                        {r.name ? `${r.name} (${r.phone})` : r.phone}: {t(`announcements.reason.${r.reason}`)}
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </div>
          )}
        </section>
        <section className="settings-section">
          <h3 className="settings-section__title">{t('announcements.history')}</h3>
          {items.length === 0 && <p className="settings-section__hint">{t('announcements.none')}</p>}
          <ul className="ann-list" data-testid="announcement-list">
            {items.map((a) => (
              <AnnouncementRow key={a.id} a={a} />
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

function AnnouncementRow({ a }: { a: AnnouncementView }) {
  const { t } = useTranslation();
  const total = a.sent + a.pending + a.failed;
  return (
    <li className="ann-item" data-testid="announcement-item" data-state={a.state}>
      <div className="ann-item__head">
        <strong>{t(`announcements.state.${a.state}`)}</strong>
        {a.sendAt && <span> · {new Date(a.sendAt).toLocaleString()}</span>}
      </div>
      <p className="ann-item__text">{a.text}</p>
      <progress max={Math.max(total, 1)} value={a.sent} aria-label={t('announcements.progress', a)} />
      <p className="settings-section__hint" data-testid="announcement-progress">
        {t('announcements.progress', a)}
      </p>
      <div className="settings-actions">
        {a.state === 'draft' && (
          <button type="button" className="btn btn--small" onClick={() => void announcementActions.act('send', a.id)}>
            {t('announcements.send')}
          </button>
        )}
        {(a.state === 'sending' || a.state === 'scheduled') && (
          <button type="button" className="btn btn--small" onClick={() => void announcementActions.act('pause', a.id)}>
            {t('announcements.pause')}
          </button>
        )}
        {a.state === 'paused' && (
          <button type="button" className="btn btn--small" onClick={() => void announcementActions.act('resume', a.id)}>
            {t('announcements.resume')}
          </button>
        )}
        {a.state !== 'done' && a.state !== 'cancelled' && (
          <button type="button" className="btn btn--small btn--ghost" onClick={() => void announcementActions.act('cancel', a.id)}>
            {t('announcements.cancel')}
          </button>
        )}
      </div>
    </li>
  );
}
