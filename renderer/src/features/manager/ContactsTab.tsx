import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ConsentSource, ContactSummary, ManagerContactCounts, ManagerContactItem, Purpose } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { displayName, formatDateTime, formatPhone } from '../../lib/format';
import { ConsentPanel } from '../consent/ConsentPanel';
import type { HistoryEntry } from '../consent/history-store';
import { managerActions } from './actions';

type SourceFilter = ConsentSource | 'all';
const SOURCES: SourceFilter[] = ['all', 'customer', 'import', 'staff'];

interface ListState {
  items: ManagerContactItem[];
  next: string | null;
  counts: ManagerContactCounts | null;
  loading: boolean;
  error: string | null;
}

/** Opted-in contacts by purpose, date and source, with counts; each opens the consent proof drawer. */
export function ContactsTab() {
  const { t, i18n } = useTranslation();
  const [purpose, setPurpose] = useState<Purpose>('service');
  const [since, setSince] = useState('');
  const [source, setSource] = useState<SourceFilter>('all');
  const [list, setList] = useState<ListState>({ items: [], next: null, counts: null, loading: true, error: null });
  const [proof, setProof] = useState<{ contact: ContactSummary; history: HistoryEntry } | null>(null);

  const load = async (cursor?: string): Promise<void> => {
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await managerActions.contacts({
        purpose,
        ...(since ? { since } : {}),
        ...(source === 'all' ? {} : { source }),
        ...(cursor ? { cursor } : {}),
      });
      setList((l) => ({ items: cursor ? [...l.items, ...page.items] : page.items, next: page.next, counts: page.counts, loading: false, error: null }));
    } catch (err) {
      setList((l) => ({ ...l, loading: false, error: errorText(t, toApiError(err)) }));
    }
  };
  useEffect(() => {
    void load();
  }, [purpose, since, source]);

  const openProof = async (contactId: number): Promise<void> => {
    try {
      const { contact, events } = await managerActions.proof(contactId);
      setProof({ contact, history: { events, loading: false, error: null } });
    } catch (err) {
      setList((l) => ({ ...l, error: errorText(t, toApiError(err)) }));
    }
  };

  const total = list.counts ? list.counts[source] : 0;
  return (
    <section className="settings-section manager-section" aria-labelledby="manager-contacts-title">
      <h3 id="manager-contacts-title" className="settings-section__title">
        {t('manager.tabs.contacts')}
      </h3>
      <p className="settings-section__hint">{t('manager.contacts.intro')}</p>
      <div className="manager-filters">
        <label className="settings-field">
          <span className="settings-field__label">{t('manager.contacts.purpose')}</span>
          <select className="input" data-testid="manager-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)}>
            <option value="service">{t('manager.contacts.purposes.service')}</option>
            <option value="marketing">{t('manager.contacts.purposes.marketing')}</option>
          </select>
        </label>
        <label className="settings-field">
          <span className="settings-field__label">{t('manager.contacts.since')}</span>
          <input className="input" type="date" data-testid="manager-since" value={since} onChange={(e) => setSince(e.target.value)} />
          <span className="settings-field__hint">{t('manager.contacts.sinceHint')}</span>
        </label>
      </div>
      <div className="manager-sources" role="group" aria-label={t('manager.contacts.source')}>
        {SOURCES.map((s) => (
          <button
            key={s}
            type="button"
            className={`manager-source${source === s ? ' manager-source--on' : ''}`}
            aria-pressed={source === s}
            data-testid={`manager-source-${s}`}
            onClick={() => setSource(s)}
          >
            <span>{t(`manager.contacts.sources.${s}`)}</span>
            <span className="manager-source__count" data-testid={`manager-count-${s}`}>
              {list.counts ? list.counts[s] : '…'}
            </span>
          </button>
        ))}
      </div>
      {list.error && (
        <p className="settings__status settings__status--error" role="alert">
          {t('manager.failed', { message: list.error })}
        </p>
      )}
      <table className="manager-table" data-testid="manager-contacts">
        <thead>
          <tr>
            <th scope="col">{t('manager.contacts.name')}</th>
            <th scope="col">{t('manager.contacts.phone')}</th>
            <th scope="col">{t('manager.contacts.state')}</th>
            <th scope="col">{t('manager.contacts.sourceCol')}</th>
            <th scope="col">{t('manager.contacts.at')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('manager.contacts.proof')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((item) => {
            const name = displayName(item);
            return (
              <tr key={item.eventId} data-testid="manager-contact-row">
                <td>{item.name ?? item.pushName ?? '–'}</td>
                <td className="manager-table__num">{formatPhone(item.phone)}</td>
                <td>{t(`manager.contacts.states.${item.state}`)}</td>
                <td>{t(`manager.contacts.sources.${item.source}`)}</td>
                <td>{formatDateTime(item.since, i18n.language)}</td>
                <td>
                  <button type="button" className="btn btn--small" aria-label={t('manager.contacts.proofFor', { name })} onClick={() => void openProof(item.contactId)}>
                    {t('manager.contacts.proof')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!list.loading && list.items.length === 0 && !list.error && <p className="manager-empty">{t('manager.contacts.empty')}</p>}
      <div className="manager-paging">
        <span className="settings-field__hint" data-testid="manager-shown">
          {t('manager.contacts.shown', { shown: list.items.length, total })}
        </span>
        {list.next && (
          <button type="button" className="btn" data-testid="manager-more" disabled={list.loading} onClick={() => void load(list.next ?? undefined)}>
            {t('manager.contacts.more')}
          </button>
        )}
      </div>
      {proof && <ConsentPanel contact={proof.contact} history={proof.history} onClose={() => setProof(null)} />}
    </section>
  );
}
