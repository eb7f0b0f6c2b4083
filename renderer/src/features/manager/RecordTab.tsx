import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ProcessingRecordView, RecordBlock } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { managerActions } from './actions';

function Block({ block }: { block: RecordBlock }) {
  if (block.kind === 'p') return <p>{block.text}</p>;
  if (block.kind === 'list')
    return (
      <ul>
        {block.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    );
  return (
    <table className="manager-record__rows">
      <tbody>
        {block.rows.map(([k, v], i) => (
          <tr key={i}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The record of processing activities (Art. 30 GDPR): a preview and "Als PDF speichern". */
export function RecordTab() {
  const { t } = useTranslation();
  const [record, setRecord] = useState<ProcessingRecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pdf, setPdf] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  useEffect(() => {
    managerActions.record().then(setRecord, (err: unknown) => setError(errorText(t, toApiError(err))));
  }, [t]);

  const save = async (): Promise<void> => {
    setPdf({ busy: true, error: null });
    try {
      await managerActions.saveRecordPdf();
      setPdf({ busy: false, error: null });
    } catch (err) {
      setPdf({ busy: false, error: errorText(t, toApiError(err)) });
    }
  };

  return (
    <section className="settings-section manager-section" aria-labelledby="manager-record-title">
      <div className="manager-record__head">
        <div>
          <h3 id="manager-record-title" className="settings-section__title">
            {t('manager.tabs.record')}
          </h3>
          <p className="settings-section__hint">{t('manager.record.intro')}</p>
        </div>
        <button type="button" className="btn btn--primary" data-testid="record-pdf" disabled={pdf.busy || !record} onClick={() => void save()}>
          {pdf.busy ? t('manager.record.saving') : t('manager.record.save')}
        </button>
      </div>
      {pdf.error && (
        <p className="settings__status settings__status--error" role="alert">
          {t('manager.record.saveFailed', { message: pdf.error })}
        </p>
      )}
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {t('manager.failed', { message: error })}
        </p>
      )}
      {!record && !error && <p className="manager-empty">{t('manager.loading')}</p>}
      {record && (
        <article className="manager-record" lang="de" data-testid="record-preview">
          <h4 className="manager-record__title">{record.title}</h4>
          <p className="manager-record__meta">{t('manager.record.generated', { when: record.generated })}</p>
          {record.sections.map((s) => (
            <section key={s.id} className="manager-record__section" data-testid={`record-section-${s.id}`}>
              <h5>{s.title}</h5>
              {s.blocks.map((b, i) => (
                <Block key={i} block={b} />
              ))}
            </section>
          ))}
        </article>
      )}
    </section>
  );
}
