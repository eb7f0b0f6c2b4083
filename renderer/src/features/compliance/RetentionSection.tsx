import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { RetentionPreview, RetentionSettings } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { Field, Section } from '../settings/parts';
import { useInbox } from '../inbox/inbox-store';
import { complianceActions } from './actions';
import './compliance.css';

const PERIODS = ['chatContentDays', 'mediaDays', 'pendingContactsDays', 'revokedContactsDays', 'proofAfterRevocationDays'] as const;

/** Settings › Aufbewahrung: the retention periods, each explained, and the dry run. Managers only. */
export function RetentionSection() {
  const { t } = useTranslation();
  const manager = useInbox((s) => s.current?.role === 'manager');
  const [saved, setSaved] = useState<RetentionSettings | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);

  useEffect(() => {
    if (!manager) return;
    complianceActions.retention().then(
      (s) => {
        setSaved(s);
        setDraft(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])));
      },
      (err: unknown) => setStatus({ kind: 'bad', text: errorText(t, toApiError(err)) }),
    );
  }, [manager, t]);

  if (!manager) {
    return (
      <Section id="retention" title={t('compliance.retention.title')}>
        <p className="settings-section__hint">{t('compliance.retention.managerOnly')}</p>
      </Section>
    );
  }

  const save = async (): Promise<void> => {
    setStatus(null);
    const patch: Partial<RetentionSettings> = {};
    for (const k of [...PERIODS, 'runHour'] as const) patch[k] = Number(draft[k]);
    try {
      const s = await complianceActions.saveRetention(patch);
      setSaved(s);
      setStatus({ kind: 'ok', text: t('settings.saved') });
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(t, toApiError(err)) });
    }
  };

  const runPreview = async (): Promise<void> => {
    try {
      setPreview(await complianceActions.preview());
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(t, toApiError(err)) });
    }
  };

  return (
    <Section id="retention" title={t('compliance.retention.title')} hint={t('compliance.retention.hint')}>
      {saved && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="retention-grid">
            {PERIODS.map((k) => (
              <Field key={k} label={t(`compliance.retention.${k}.label`)} hint={t(`compliance.retention.${k}.hint`)}>
                <input
                  className="input"
                  type="number"
                  min={0}
                  max={3650}
                  value={draft[k] ?? ''}
                  data-testid={`retention-${k}`}
                  onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
                />
              </Field>
            ))}
            <Field label={t('compliance.retention.runHour.label')} hint={t('compliance.retention.runHour.hint')}>
              <input className="input" type="number" min={0} max={23} value={draft.runHour ?? ''} data-testid="retention-runHour" onChange={(e) => setDraft({ ...draft, runHour: e.target.value })} />
            </Field>
          </div>
          <p className="settings-section__hint">{t('compliance.retention.erasureNote')}</p>
          <div className="compliance-actions__row">
            <button type="submit" className="btn btn--primary" data-testid="retention-save">
              {t('compliance.retention.save')}
            </button>
            <button type="button" className="btn" data-testid="retention-preview" onClick={() => void runPreview()}>
              {t('compliance.retention.preview')}
            </button>
          </div>
        </form>
      )}
      {status && (
        <p className={`settings__status settings__status--${status.kind === 'ok' ? 'ok' : 'error'}`} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      {preview && (
        <div className="retention-preview" data-testid="retention-preview-result">
          <p>{t('compliance.retention.previewIntro', { held: preview.held })}</p>
          {preview.groups.map((g) => (
            <div key={g.kind} className="retention-preview__group" data-testid={`retention-group-${g.kind}`} data-count={g.count}>
              <h4>{t(`compliance.retention.groups.${g.kind}`, { count: g.count, days: g.days })}</h4>
              {g.days === 0 ? (
                <p className="settings-section__hint">{t('compliance.retention.off')}</p>
              ) : (
                g.contacts.length > 0 && (
                  <ul className="retention-preview__contacts">
                    {g.contacts.map((c) => (
                      <li key={c.id}>
                        {c.name ? `${c.name} · ` : ''}
                        {c.phone}
                      </li>
                    ))}
                  </ul>
                )
              )}
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}
