import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { Film, Image as ImageIcon, Paperclip, Tag } from 'lucide-react';
import type { CaseStatus, CaseView, MessageView } from '@contract';
import { errorText } from '../../i18n/errors';
import { useUi } from '../../store/ui';
import { caseActions } from './actions';
import { formatCaseDate, isConsentReason, notificationKey } from './case-ui';
import { useCases } from './cases-store';
import './case-card.css';

function NotificationLine({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const key = notificationKey(view.notification);
  if (!key) return null;
  const consent = isConsentReason(view.notification);
  return (
    <div className={`case-notice${consent ? ' case-notice--warn' : ''}`} data-testid="case-notification" data-state={view.notification?.state}>
      <span>{t(key)}</span>
      {consent && !view.canSendCurrent && (
        <button type="button" className="btn btn--small" data-testid="case-show-qr" onClick={() => useUi.getState().show('onboarding')}>
          {t('cases.showQr')}
        </button>
      )}
    </div>
  );
}

function StatusChange({ view, next, back }: { view: CaseView; next: CaseStatus[]; back: CaseStatus[] }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [autoSend, setAutoSend] = useState(false);
  const [gateOk, setGateOk] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isBack = status !== '' && back.includes(status);

  useEffect(() => {
    if (!status) return;
    let live = true;
    caseActions
      .preview(view.id, status)
      .then((p) => {
        if (!live) return;
        setText(p.text);
        setAutoSend(p.autoSend);
        setGateOk(p.gate.state === 'queued');
      })
      .catch((err: unknown) => live && setError(errorText(t, err)));
    return () => {
      live = false;
    };
  }, [status, view.id, t]);

  const apply = async (notify: boolean): Promise<void> => {
    if (!status) return;
    setBusy(true);
    setError(null);
    try {
      await caseActions.update({ id: view.id, status, notify, ...(notify && text.trim() ? { text: text.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setStatus('');
      setNote('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="case-change">
      <label className="field">
        <span className="field__label">{t('cases.changeStatus')}</span>
        <select className="input" data-testid="case-status-select" value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
          <option value="">{t('cases.chooseStatus')}</option>
          {next.map((s) => (
            <option key={s} value={s}>
              {t(`cases.status.${s}`)}
            </option>
          ))}
          {back.length > 0 && (
            <optgroup label={t('cases.correction')}>
              {back.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.status.${s}`)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {status && (
        <>
          <label className="field">
            <span className="field__label">{t('cases.message')}</span>
            <textarea className="input case-change__text" data-testid="case-message" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          {autoSend && <p className="case-hint">{t('cases.autoSendHint')}</p>}
          {!gateOk && <p className="case-hint case-hint--warn">{t('cases.notification.consent')}</p>}
          <label className="field">
            <span className="field__label">{t('cases.field.note')}</span>
            <input className="input" data-testid="case-note" value={note} maxLength={1000} required={isBack} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="case-change__actions">
            <button type="button" className="btn btn--primary" data-testid="case-send" disabled={busy || (isBack && !note.trim())} onClick={() => void apply(true)}>
              {t('cases.sendAndChange')}
            </button>
            <button type="button" className="btn" data-testid="case-change-only" disabled={busy || (isBack && !note.trim())} onClick={() => void apply(false)}>
              {t('cases.changeOnly')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="case-error" role="alert">
          {t('cases.failed', { message: error })}
        </p>
      )}
    </div>
  );
}

function Attachments({ view, photos }: { view: CaseView; photos: MessageView[] }) {
  const { t } = useTranslation();
  const detail = useCases((s) => s.details[view.id]);
  const linked = new Set(detail?.files.map((f) => f.messageId) ?? []);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="case-attach">
      <div className="case-section-title">{t('cases.attach')}</div>
      {photos.length === 0 && <p className="case-hint">{t('cases.noPhotos')}</p>}
      <ul className="case-attach__list">
        {photos.map((m) => (
          <li key={m.id} className="case-attach__item" data-testid="case-attach-item">
            <span>
              {m.type === 'video' ? <Film size={14} aria-hidden="true" /> : <ImageIcon size={14} aria-hidden="true" />} {m.media?.fileName ?? `#${m.id}`}{' '}
              {m.body ? `— ${m.body}` : ''}
            </span>
            {linked.has(m.id) ? (
              <span className="case-badge">{t('cases.attached')}</span>
            ) : (
              <button
                type="button"
                className="btn btn--small"
                data-testid="case-attach"
                onClick={() => void caseActions.attach(view.id, m.id).catch((err: unknown) => setError(errorText(t, err)))}
              >
                {t('cases.attachButton')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="case-error">{error}</p>}
    </div>
  );
}

function Files({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const detail = useCases((s) => s.details[view.id]);
  const [urls, setUrls] = useState<Record<number, string>>({});
  useEffect(() => () => Object.values(urls).forEach((u) => URL.revokeObjectURL(u)), [urls]);
  const files = detail?.files ?? [];
  useEffect(() => {
    let live = true;
    for (const f of files) {
      if (urls[f.media.id] || !f.media.mime.startsWith('image/')) continue;
      void caseActions.fileUrl(view.id, f.media.id).then((u) => live && setUrls((s) => ({ ...s, [f.media.id]: u })));
    }
    return () => {
      live = false;
    };
    // Only new files need a URL; the ones shown keep theirs.
  }, [files.length, view.id]);
  const openLabel = async (format: 'a4' | 'a6'): Promise<void> => {
    const { url, fileName } = await caseActions.labelUrl(view.id, format);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  if (files.length === 0 && view.type !== 'return') return null;
  return (
    <div className="case-files">
      <div className="case-section-title">{t('cases.files')}</div>
      <div className="case-files__grid">
        {files
          .filter((f) => f.role === 'attachment')
          .map((f) =>
            urls[f.media.id] ? (
              <img key={f.media.id} className="case-files__thumb" src={urls[f.media.id]} alt={f.media.fileName ?? ''} data-testid="case-file" />
            ) : (
              <span key={f.media.id} className="case-files__name" data-testid="case-file">
                <Paperclip size={14} aria-hidden="true" /> {f.media.fileName ?? f.media.mime}
              </span>
            ),
          )}
      </div>
      {files.some((f) => f.role === 'label') && (
        <div className="case-files__label" data-testid="case-label">
          <span className="case-files__label-name">
            <Tag size={14} aria-hidden="true" /> {t('cases.label')}
          </span>
          <button type="button" className="btn btn--small" data-testid="case-label-a6" onClick={() => void openLabel('a6')}>
            {t('cases.labelA6')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => void openLabel('a4')}>
            {t('cases.labelA4')}
          </button>
        </div>
      )}
    </div>
  );
}

/** One case: status, dates, what the customer was told, the next steps, files and the timeline. */
export function CaseCard({ view, photos, expanded, onToggle }: { view: CaseView; photos?: MessageView[]; expanded: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  const detail = useCases((s) => s.details[view.id]);
  const [sendError, setSendError] = useState<string | null>(null);
  useEffect(() => {
    if (expanded) void caseActions.loadDetail(view.id).catch(() => {});
  }, [expanded, view.id]);
  const dates: [string, string | null][] = [
    ['promisedAt', view.promisedAt],
    ['pickupUntil', view.pickupUntil],
    ['appointmentAt', view.appointmentAt],
  ];
  return (
    <article className={`case-card${view.overdue ? ' case-card--overdue' : ''}`} data-testid="case-card" data-number={view.number} data-status={view.status}>
      <button type="button" className="case-card__head" aria-expanded={expanded} onClick={onToggle}>
        <span className="case-card__number">{view.number}</span>
        <span className="case-type">{t(`cases.type.${view.type}`)}</span>
        <span className={`case-status case-status--${view.open ? 'open' : 'closed'}`} data-testid="case-status">
          {t(`cases.status.${view.status}`)}
        </span>
        {view.overdue && <span className="case-badge case-badge--warn">{t('cases.overdue')}</span>}
      </button>
      {view.title && <div className="case-card__title">{view.title}</div>}
      <dl className="case-card__facts">
        {dates
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t(`cases.field.${k}`)}</dt>
              <dd>{formatCaseDate(v, i18n.language)}</dd>
            </div>
          ))}
        {view.reference && (
          <div>
            <dt>{t('cases.field.reference')}</dt>
            <dd>{view.reference}</dd>
          </div>
        )}
        {view.trackingLink && (
          <div>
            <dt>{t('cases.field.trackingNumber')}</dt>
            <dd>
              <a href={view.trackingLink} target="_blank" rel="noreferrer noopener">
                {view.trackingNumber}
              </a>
            </dd>
          </div>
        )}
      </dl>
      <NotificationLine view={view} />
      {view.canSendCurrent && (
        <div className="case-notice case-notice--ok">
          <span>{t('cases.sendCurrentHint')}</span>
          <button
            type="button"
            className="btn btn--small btn--primary"
            data-testid="case-send-current"
            onClick={() => void caseActions.notify(view.id).catch((err: unknown) => setSendError(errorText(t, err)))}
          >
            {t('cases.sendCurrent')}
          </button>
        </div>
      )}
      {sendError && <p className="case-error">{sendError}</p>}
      {expanded && detail && (
        <div className="case-card__body">
          <StatusChange view={view} next={detail.next} back={detail.back} />
          {photos && <Attachments view={view} photos={photos} />}
          <Files view={view} />
          <div className="case-section-title">{t('cases.history')}</div>
          <ol className="case-history" data-testid="case-history">
            {[...detail.history].reverse().map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatCaseDate(h.at, i18n.language)}</time>{' '}
                <strong>{t(`cases.status.${h.to}`)}</strong>{' '}
                <span className="case-history__by">· {t(`cases.by.${h.actor}`, { defaultValue: h.actor })}</span>
                {h.note && <div className="case-history__note">{h.note}</div>}
                {h.notification && notificationKey(h.notification) && (
                  <div className={`case-history__notice${isConsentReason(h.notification) ? ' case-history__notice--warn' : ''}`}>
                    {t(notificationKey(h.notification)!)}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </article>
  );
}
