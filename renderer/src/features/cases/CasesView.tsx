import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { CaseStatus, CaseType, ImportPreview } from '@contract';
import { CASE_STATUS_VALUES, CASE_STATUSES, CASE_TYPES } from '@contract/constants';
import { errorText } from '../../i18n/errors';
import { formatPhone } from '../../lib/format';
import { useUi } from '../../store/ui';
import { caseActions } from './actions';
import { CaseCard } from './CaseCard';
import { CaseMessagesEditor } from './CaseMessagesEditor';
import { formatCaseDate } from './case-ui';
import { useCases } from './cases-store';
import './cases-view.css';
import './case-templates.css';

type Tab = 'list' | 'templates' | 'import';

function CaseList() {
  const { t, i18n } = useTranslation();
  const filter = useCases((s) => s.filter);
  const ids = useCases((s) => s.listIds);
  const byId = useCases((s) => s.byId);
  const next = useCases((s) => s.next);
  const loading = useCases((s) => s.listLoading);
  const error = useCases((s) => s.listError);
  const [expanded, setExpanded] = useState<string | null>(null);
  useEffect(() => void caseActions.loadList(false), []);
  const statuses: readonly CaseStatus[] = filter.type ? CASE_STATUSES[filter.type] : CASE_STATUS_VALUES;

  return (
    <div className="cases-list">
      <div className="cases-filters" role="group" aria-label={t('cases.view.title')}>
        <select
          className="input"
          data-testid="cases-filter-type"
          aria-label={t('cases.field.type')}
          value={filter.type}
          onChange={(e) => void caseActions.setFilter({ type: e.target.value as CaseType | '', status: '' })}
        >
          <option value="">{t('cases.view.allTypes')}</option>
          {CASE_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`cases.type.${ty}`)}
            </option>
          ))}
        </select>
        <select
          className="input"
          data-testid="cases-filter-status"
          aria-label={t('cases.field.status')}
          value={filter.status}
          onChange={(e) => void caseActions.setFilter({ status: e.target.value as CaseStatus | '' })}
        >
          <option value="">{t('cases.view.allStatuses')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`cases.status.${s}`)}
            </option>
          ))}
        </select>
        <label className="case-toggle">
          <input type="checkbox" data-testid="cases-filter-overdue" checked={filter.overdue} onChange={(e) => void caseActions.setFilter({ overdue: e.target.checked })} />{' '}
          {t('cases.view.overdueOnly')}
        </label>
        <label className="case-toggle">
          <input type="checkbox" data-testid="cases-filter-open" checked={filter.open} onChange={(e) => void caseActions.setFilter({ open: e.target.checked })} />{' '}
          {t('cases.view.openOnly')}
        </label>
      </div>
      {error && <p className="case-error">{t('cases.loadFailed', { message: errorText(t, error) })}</p>}
      <table className="cases-table" data-testid="cases-table">
        <thead>
          <tr>
            <th>{t('cases.field.number')}</th>
            <th>{t('cases.field.type')}</th>
            <th>{t('cases.field.status')}</th>
            <th>{t('cases.field.customer')}</th>
            <th>{t('cases.field.title')}</th>
            <th>{t('cases.field.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const c = byId[id];
            if (!c) return null;
            return (
              <tr
                key={id}
                className={`${c.overdue ? 'cases-table__row--overdue' : ''}${expanded === id ? ' cases-table__row--on' : ''}`}
                data-testid="cases-row"
                data-number={c.number}
                tabIndex={0}
                onClick={() => setExpanded(expanded === id ? null : id)}
                onKeyDown={(e) => e.key === 'Enter' && setExpanded(expanded === id ? null : id)}
              >
                <td className="cases-table__number">{c.number}</td>
                <td>{t(`cases.type.${c.type}`)}</td>
                <td>
                  {t(`cases.status.${c.status}`)} {c.overdue && <span className="case-badge case-badge--warn">{t('cases.overdue')}</span>}
                </td>
                <td>{c.customerName ?? formatPhone(c.phone)}</td>
                <td>{c.title}</td>
                <td>{formatCaseDate(c.updatedAt, i18n.language)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!loading && ids.length === 0 && <p className="case-hint" data-testid="cases-empty">{t('cases.view.empty')}</p>}
      {next && (
        <button type="button" className="btn" disabled={loading} onClick={() => void caseActions.loadList(true)}>
          {t('cases.view.more')}
        </button>
      )}
      {expanded && byId[expanded] && (
        <div className="cases-detail" data-testid="cases-detail">
          <CaseCard view={byId[expanded]} expanded onToggle={() => setExpanded(null)} />
        </div>
      )}
    </div>
  );
}

function Import() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skip, setSkip] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const readFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setCsv(await file.text());
    setPreview(null);
    setMessage(null);
  };
  const check = async (): Promise<void> => {
    setMessage(null);
    try {
      setPreview(await caseActions.importPreview(csv));
    } catch (err) {
      setMessage(t('cases.failed', { message: errorText(t, err) }));
    }
  };
  const commit = async (): Promise<void> => {
    try {
      const r = await caseActions.importCommit(csv, skip);
      setMessage(t('cases.import.done', { created: r.created, updated: r.updated }));
      setPreview(null);
    } catch (err) {
      setMessage(t('cases.failed', { message: errorText(t, err) }));
    }
  };
  return (
    <div className="cases-import">
      <p className="case-hint">{t('cases.import.intro')}</p>
      <label className="field">
        <span className="field__label">{t('cases.import.file')}</span>
        <input type="file" accept=".csv,text/csv" data-testid="cases-import-file" onChange={(e) => void readFile(e.target.files?.[0])} />
      </label>
      <div className="case-change__actions">
        <button type="button" className="btn" data-testid="cases-import-preview" disabled={!csv} onClick={() => void check()}>
          {t('cases.import.preview')}
        </button>
        {preview && (
          <>
            <label className="case-toggle">
              <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> {t('cases.import.skipInvalid')}
            </label>
            <button type="button" className="btn btn--primary" data-testid="cases-import-commit" disabled={preview.valid === 0 || (preview.invalid > 0 && !skip)} onClick={() => void commit()}>
              {t('cases.import.commit')}
            </button>
          </>
        )}
      </div>
      {preview && (
        <>
          <p data-testid="cases-import-result">{t('cases.import.result', { valid: preview.valid, invalid: preview.invalid })}</p>
          {preview.errors.length > 0 && (
            <table className="cases-table">
              <thead>
                <tr>
                  <th>{t('cases.import.row')}</th>
                  <th>{t('cases.field.type')}</th>
                  <th>{t('cases.import.error')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{e.field}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}

/** The counter's list of every case, with filters (type, status, overdue), the message texts and the CSV import. */
export function CasesView() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('list');
  const hide = useCallback(() => useUi.getState().hide('cases'), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hide]);
  return (
    <div className="cases-view" role="dialog" aria-modal="true" aria-labelledby="cases-title" data-testid="cases-view">
      <header className="cases-view__header">
        <h2 id="cases-title" className="cases-view__title">
          {t('cases.view.title')}
        </h2>
        <nav className="segmented cases-view__tabs" role="tablist">
          {(['list', 'templates', 'import'] as const).map((x) => (
            <button
              key={x}
              type="button"
              role="tab"
              aria-selected={tab === x}
              data-testid={`cases-tab-${x}`}
              className={`segmented__btn${tab === x ? ' segmented__btn--on' : ''}`}
              onClick={() => setTab(x)}
            >
              {t(x === 'list' ? 'cases.view.tabList' : x === 'templates' ? 'cases.view.tabTemplates' : 'cases.view.tabImport')}
            </button>
          ))}
        </nav>
        <button type="button" className="btn" data-testid="cases-close" onClick={hide}>
          ✕ {t('cases.close')}
        </button>
      </header>
      <div className="cases-view__body">
        {tab === 'list' && <CaseList />}
        {tab === 'templates' && <CaseMessagesEditor />}
        {tab === 'import' && <Import />}
      </div>
    </div>
  );
}
