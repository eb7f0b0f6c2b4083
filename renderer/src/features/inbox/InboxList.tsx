import { useVirtualizer } from '@tanstack/react-virtual';
import { Search } from 'lucide-react';
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ConsentState, InboxItem, InboxOrder } from '@contract';
import { CONSENT_STATES } from '@contract/constants';
import { useContacts } from '../../store/contacts';
import { useUi } from '../../store/ui';
import { inboxActions } from './actions';
import { profileById, useInbox, viewKey, type InboxView } from './inbox-store';
import { InboxRow, ROW_HEIGHT } from './InboxRow';
import './inbox.css';
import './dialogs.css';
import './inbox-tools.css';

const SEARCH_DELAY_MS = 200;
const rowHeight = (): number => ROW_HEIGHT;
/** Load the next page while this many rows are still below the visible ones. */
const PREFETCH_ROWS = 30;
const MAIN_VIEWS = ['mine', 'unassigned', 'waiting', 'all'] as const;
const MORE_VIEWS = ['pending', 'snoozed', 'resolved'] as const;

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(h);
  }, []);
  return now;
}

const isConsentState = (v: string): v is ConsentState => (CONSENT_STATES as readonly string[]).includes(v);

const parseView = (key: string): InboxView => {
  if (key.startsWith('label:')) return { name: 'label', labelId: Number(key.slice(6)) };
  if (key.startsWith('consent:')) {
    const consent = key.slice(8);
    if (!isConsentState(consent)) throw new Error(`unknown consent view: ${consent}`);
    return { name: 'consent', consent };
  }
  return { name: key as Exclude<InboxView['name'], 'label' | 'consent'> };
};

/** The view tabs and the more-views menu. Memoized, as OrderSwitch: the list renders again at every click on a row, they only with their own state. */
const Views = memo(function Views() {
  const { t } = useTranslation();
  const view = useInbox((s) => s.view);
  const counts = useInbox((s) => s.counts);
  const labels = useInbox((s) => s.labels);
  const current = viewKey(view);
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${n})`);
  const moreSelected = !(MAIN_VIEWS as readonly string[]).includes(current);
  return (
    <div className="inbox-views">
      <div className="inbox-views__tabs" role="group" aria-label={t('inbox.viewsLabel')}>
        {MAIN_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={`inbox-views__tab${current === v ? ' inbox-views__tab--on' : ''}`}
            aria-pressed={current === v}
            data-testid={`view-${v}`}
            onClick={() => void inboxActions.show({ name: v })}
          >
            <span className="inbox-views__name">{t(`inbox.views.${v}`)}</span>
            <span className="inbox-views__count" data-testid={`count-${v}`}>
              {counts ? counts[v] : '–'}
            </span>
          </button>
        ))}
      </div>
      <select
        className={`input input--small inbox-views__more${moreSelected ? ' inbox-views__more--on' : ''}`}
        aria-label={t('inbox.viewSelect')}
        data-testid="view-more"
        value={moreSelected ? current : ''}
        onChange={(e) => e.target.value && void inboxActions.show(parseView(e.target.value))}
      >
        <option value="">{t('inbox.viewSelect')} …</option>
        {MORE_VIEWS.map((v) => (
          <option key={v} value={v}>
            {t(`inbox.views.${v}`)}
            {count(counts?.[v])}
          </option>
        ))}
        {labels.length > 0 && (
          <optgroup label={t('inbox.byLabel')}>
            {labels.map((l) => (
              <option key={l.id} value={`label:${l.id}`}>
                {l.name}
                {count(counts?.labels.find((c) => c.labelId === l.id)?.count ?? 0)}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label={t('inbox.byConsent')}>
          {CONSENT_STATES.map((c) => (
            <option key={c} value={`consent:${c}`}>
              {t(`inbox.consentStates.${c}`)}
              {count(counts?.consent[c] ?? 0)}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
});

const OrderSwitch = memo(function OrderSwitch() {
  const { t } = useTranslation();
  const order = useInbox((s) => s.order);
  const view = useInbox((s) => s.view);
  const set = (o: InboxOrder) => void inboxActions.show(view, o);
  return (
    <div className="segmented segmented--small" role="group" aria-label={t('inbox.order')} data-testid="order-switch">
      {(['waiting', 'activity'] as const).map((o) => (
        <button
          key={o}
          type="button"
          className={`segmented__btn${order === o ? ' segmented__btn--on' : ''}`}
          aria-pressed={order === o}
          onClick={() => set(o)}
        >
          {t(o === 'waiting' ? 'inbox.orderWaiting' : 'inbox.orderActivity')}
        </button>
      ))}
    </div>
  );
});

/** The inbox: views with counts, a filter, and the whole book in one virtual list paged by cursor. */
export function InboxList() {
  const { t } = useTranslation();
  const latestItems = useInbox((s) => s.items);
  // The rows render at transition priority: a page arriving is drawn in slices that
  // yield to typing and clicks, not in one long task (store updates alone are synchronous).
  const items = useDeferredValue(latestItems);
  const loaded = useInbox((s) => s.loaded);
  const empty = loaded && latestItems.length === 0;
  const loading = useInbox((s) => s.loading);
  const next = useInbox((s) => s.next);
  const view = useInbox((s) => s.view);
  const profiles = useInbox((s) => s.profiles);
  const selectedId = useContacts((s) => s.selectedId);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  const now = useMinuteClock();

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h = setTimeout(() => void inboxActions.show(useInbox.getState().view, undefined, q.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(h);
  }, [q]);

  // Callbacks that change only with the rows: the virtualizer measures every row again whenever one of them changes (a new one each render cost a walk over 20,000 rows per scroll frame).
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const getItemKey = useCallback((i: number) => items[i]?.id ?? i, [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement,
    estimateSize: rowHeight,
    overscan: 4,
    getItemKey,
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastShown = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    // Only once the drawn rows have caught up with the store: while a page waits to be drawn, the
    // old rows' end is not where staff are, and asking again from there loaded the whole book at
    // the start (each new page put the drawing back, which asked for the next).
    if (items !== latestItems) return;
    if (next !== null && !loading && lastShown >= items.length - PREFETCH_ROWS) void inboxActions.loadMore();
  }, [lastShown, items, latestItems, next, loading]);

  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  // One Tab stop: the active row, or the first shown one while the active row is scrolled away.
  const shown = virtualItems.some((v) => v.index === activeIndex);
  const tabStopIndex = shown ? activeIndex : (virtualItems[0]?.index ?? 0);

  const focusRow = (i: number): void => {
    const target = Math.max(0, Math.min(items.length - 1, i));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`.inbox-row__main[data-index="${target}"]`)?.focus();
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: items.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined || items.length === 0) {
      if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
        e.preventDefault();
        scrollRef.current?.querySelector<HTMLElement>(`.inbox-row__main[data-index="${activeIndex}"] + .inbox-row__menu`)?.click();
      }
      return;
    }
    e.preventDefault();
    focusRow(to);
  };

  // Stable, so a row that did not change is not rendered again.
  const open = useCallback((item: InboxItem, index: number) => {
    setActive(index);
    void inboxActions.openContact(item);
  }, []);

  return (
    <div className="inbox">
      <div className="inbox__top">
        <input
          type="search"
          className="input"
          placeholder={t('contacts.search')}
          aria-label={t('contacts.searchLabel')}
          data-testid="contact-search"
          value={q}
          maxLength={100}
          onChange={(e) => setQ(e.target.value)}
        />
        <button
          type="button"
          className="btn btn--icon"
          data-testid="search-open"
          aria-label={`${t('inbox.search.open')} (${t('inbox.search.shortcut')})`}
          title={`${t('inbox.search.open')} (${t('inbox.search.shortcut')})`}
          aria-keyshortcuts="Control+K"
          onClick={() => useUi.getState().show('search')}
        >
          <Search size={18} aria-hidden="true" />
        </button>
      </div>
      <Views />
      <div className="inbox__order">
        <OrderSwitch />
      </div>
      <div
        className="inbox__scroll"
        ref={scrollRef}
        // An empty book is a message, not a list without items.
        role={empty ? undefined : 'list'}
        aria-label={empty ? undefined : t('inbox.listLabel')}
        aria-busy={loading}
        data-testid="inbox-list"
        data-count={items.length}
        onKeyDown={onKeyDown}
      >
        {empty ? (
          <div className="empty empty--small" data-testid="contacts-empty">
            {q.trim() ? (
              <p>{t('contacts.noResults', { search: q.trim() })}</p>
            ) : view.name === 'all' ? (
              <>
                <p className="empty__title">{t('contacts.empty')}</p>
                <p>{t('contacts.emptyHint')}</p>
              </>
            ) : (
              <p>{t(view.name === 'mine' ? 'inbox.emptyMine' : 'inbox.empty')}</p>
            )}
          </div>
        ) : (
          <div className="inbox__inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((v) => {
              const item = items[v.index];
              if (!item) return null;
              return (
                <div key={v.key} role="listitem" className="inbox__item" style={{ height: v.size, transform: `translateY(${v.start}px)` }}>
                  <InboxRow
                    item={item}
                    index={v.index}
                    selected={item.id === selectedId}
                    tabStop={v.index === tabStopIndex}
                    assignee={profileById(profiles, item.assigneeId)}
                    now={now}
                    onOpen={open}
                    onFocusRow={setActive}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {loading && next !== null && (
        <div className="inbox__more" role="status">
          {t('inbox.loadingMore')}
        </div>
      )}
    </div>
  );
}
