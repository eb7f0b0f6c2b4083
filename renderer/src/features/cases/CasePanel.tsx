import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Carrier, CaseType, ContactSummary, MessageView } from '@contract';
import { CASE_TYPES } from '@contract/constants';
import { errorText } from '../../i18n/errors';
import { useMessages } from '../../store/messages';
import { useUi } from '../../store/ui';
import { caseActions } from './actions';
import { CaseCard } from './CaseCard';
import { FORM_FIELDS, localInputToIso } from './case-ui';
import { useCases } from './cases-store';
import './case-panel.css';

const CARRIERS: Carrier[] = ['dhl', 'hermes', 'dpd', 'gls', 'ups'];
const NO_MESSAGES: MessageView[] = [];

function CreateForm({ contact, onDone }: { contact: ContactSummary; onDone: (id?: string) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<CaseType>('repair');
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: string, v: string) => setValues((s) => ({ ...s, [k]: v }));

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const fields: Record<string, string | undefined> = {};
    for (const f of FORM_FIELDS[type]) {
      const v = values[f]?.trim();
      if (!v) continue;
      fields[f] = f === 'appointmentAt' ? localInputToIso(v) : v;
    }
    try {
      const view = await caseActions.create({
        type,
        phone: contact.phone,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...fields,
      } as Parameters<typeof caseActions.create>[0]);
      onDone(view.id);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="case-form" data-testid="case-create-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span className="field__label">{t('cases.field.type')}</span>
        <select className="input" data-testid="case-type" value={type} onChange={(e) => setType(e.target.value as CaseType)}>
          {CASE_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`cases.type.${ty}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('cases.field.title')}</span>
        <input className="input" data-testid="case-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('cases.field.reference')}</span>
        <input className="input" value={reference} maxLength={100} onChange={(e) => setReference(e.target.value)} />
      </label>
      {FORM_FIELDS[type].map((f) =>
        f === 'carrier' ? (
          <label key={f} className="field">
            <span className="field__label">{t('cases.field.carrier')}</span>
            <select className="input" value={values.carrier ?? ''} onChange={(e) => set('carrier', e.target.value)}>
              <option value="">—</option>
              {CARRIERS.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label key={f} className="field">
            <span className="field__label">{t(`cases.field.${f}`)}</span>
            <input
              className="input"
              data-testid={`case-${f}`}
              type={f === 'appointmentAt' ? 'datetime-local' : f === 'trackingNumber' ? 'text' : 'date'}
              value={values[f] ?? ''}
              required={f === 'appointmentAt'}
              onChange={(e) => set(f, e.target.value)}
            />
          </label>
        ),
      )}
      {error && (
        <p className="case-error" role="alert">
          {error}
        </p>
      )}
      <div className="case-change__actions">
        <button type="submit" className="btn btn--primary" data-testid="case-create" disabled={busy}>
          {busy ? t('cases.creating') : t('cases.create')}
        </button>
        <button type="button" className="btn" onClick={() => onDone()}>
          {t('cases.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The conversation's side panel: this customer's cases, a new one from the chat, photos from the chat attached. */
export function CasePanel({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const ids = useCases((s) => s.byContact[contact.id]);
  const byId = useCases((s) => s.byId);
  const messages = useMessages((s) => s.byContact[contact.id]?.messages ?? NO_MESSAGES);
  const [creating, setCreating] = useState(false);
  const [showClosed, setShowClosed] = useState(false);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    caseActions.loadForContact(contact.id).catch((err: unknown) => setError(errorText(t, err)));
  }, [contact.id, t]);

  const photos = useMemo(
    () => messages.filter((m) => m.direction === 'in' && (m.type === 'image' || m.type === 'video') && m.media),
    [messages],
  );
  const cases = (ids ?? []).map((id) => byId[id]).filter((c) => c !== undefined);
  const shown = cases.filter((c) => showClosed || c.open);

  return (
    <aside className="case-panel" data-testid="case-panel" aria-label={t('cases.panelTitle')}>
      <header className="case-panel__header">
        <h3 className="case-panel__title">{t('cases.panelTitle')}</h3>
        <button type="button" className="btn btn--small btn--primary" data-testid="case-new" onClick={() => setCreating(true)} disabled={creating}>
          + {t('cases.new')}
        </button>
        <button type="button" className="btn btn--small btn--ghost" data-testid="case-panel-close" onClick={() => useUi.getState().hide('casePanel')}>
          ✕<span className="visually-hidden">{t('cases.close')}</span>
        </button>
      </header>
      <div className="case-panel__body">
        {creating && (
          <CreateForm
            contact={contact}
            onDone={(id) => {
              setCreating(false);
              if (id) setExpanded(id);
            }}
          />
        )}
        {error && <p className="case-error">{t('cases.loadFailed', { message: error })}</p>}
        {!ids && !error && <p className="case-hint">{t('cases.loading')}</p>}
        {ids && shown.length === 0 && !creating && <p className="case-hint" data-testid="case-none">{t('cases.none')}</p>}
        {shown.map((c) => (
          <CaseCard key={c.id} view={c} photos={photos} expanded={expanded === c.id} onToggle={() => setExpanded(expanded === c.id ? null : c.id)} />
        ))}
        {cases.some((c) => !c.open) && (
          <label className="case-toggle">
            <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> {t('cases.showClosed')}
          </label>
        )}
      </div>
    </aside>
  );
}
