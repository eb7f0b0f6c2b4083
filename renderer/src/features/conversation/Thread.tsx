import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ArrowDown } from 'lucide-react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary, MessageView, NoteView } from '@contract';
import { controller } from '../../app/instance';
import { useMessages } from '../../store/messages';
import { useUi } from '../../store/ui';
import { formatDay } from '../../lib/format';
import { conversationActions } from './actions';
import { atEnd } from './end-range';
import { useConversation } from './conversation-store';
import { MessageBubble, NoteBubble } from './MessageBubble';
import { estimateRowHeight } from './row-height';
import { Timeline, type Row } from './timeline';
import './thread.css';

/** Within this distance of the bottom, new messages keep the view pinned there. */
const PIN_PX = 120;
/** Within this distance of the top (or of the bottom, when newer messages are not loaded), the next page is fetched. */
const LOAD_PAGE_PX = 600;
const NO_NOTES: NoteView[] = [];
const NO_MESSAGES: MessageView[] = [];

function DaySeparator({ date }: { date: string }) {
  const { i18n, t } = useTranslation();
  const d = new Date(date);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  const same = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();
  const label = same(d, today)
    ? t('conversation.today')
    : same(d, yesterday)
      ? t('conversation.yesterday')
      : formatDay(date, i18n.language);
  return (
    <div className="day" data-testid="day-separator">
      <span className="day__label">{label}</span>
    </div>
  );
}

/** Where the list stood after the last render. */
interface Before {
  contactId: number;
  rows: Row[];
  /** Key of the first message row (not a day separator: an older page from the same day keeps that day's separator first). */
  firstKey: string | null;
  lastId: number | null;
  /** The window stopped short of the newest message. */
  hasNewer: boolean;
  fromBottom: number;
}

/**
 * How far the rows that stay moved down when rows were added (or dropped)
 * above them, in px: found through a message row in both lists, the old
 * first message (a page arrived above) or the new one (rows went above).
 * Sizes are the measured ones where known. O(rows that changed above).
 */
function shiftAbove(prev: Before, rows: Row[], firstKey: string | null, size: (row: Row) => number, startOf: (index: number) => number | undefined, paddingStart: number): number {
  const startIn = (list: Row[], index: number): number => {
    let y = 0;
    for (let i = 0; i < index; i++) y += size(list[i]!);
    return y;
  };
  const keep = (key: string | null, from: Row[]): number => (key === null ? -1 : from.findIndex((r) => r.key === key));
  let oldIndex = keep(prev.firstKey, prev.rows);
  let newIndex = keep(prev.firstKey, rows);
  if (newIndex < 0) {
    oldIndex = keep(firstKey, prev.rows);
    newIndex = keep(firstKey, rows);
  }
  if (oldIndex < 0 || newIndex < 0) return 0;
  const newStart = startOf(newIndex);
  return newStart === undefined ? 0 : newStart - paddingStart - startIn(prev.rows, oldIndex);
}

/**
 * The history, virtualized: only the rows on screen are in the page, and
 * the store holds a window of at most THREAD_WINDOW messages, so a chat of
 * 100,000 messages stays as quick as one of ten. Opens at the bottom; pages
 * arrive above (or below, once paged back) without moving what staff reads.
 */
export function Thread({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  // The history renders at transition priority: a store update (a WebSocket answer, a frame's
  // batch of events) only schedules it, and typing or a click in between is never held up by it.
  // Its first page is drawn at once: staff just opened the chat and waits for nothing else.
  const live = useMessages((s) => s.byContact[contact.id]);
  const thread = useDeferredValue(live) ?? live;
  const notes = useDeferredValue(useConversation((s) => s.notesByContact[contact.id] ?? NO_NOTES));
  const focusId = useUi((s) => s.focusMessageId);
  const [highlight, setHighlight] = useState<number | null>(null);
  /** A message to scroll to once its row is drawn (a search hit or a quote). */
  const [target, setTarget] = useState<number | null>(null);
  /** Scrolled away from the newest messages: the button back to them shows. */
  const [away, setAway] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const messages = thread?.messages;
  const complete = !!thread && !thread.hasOlder;
  const hasNewer = !!thread?.hasNewer;
  const hasNewerRef = useRef(hasNewer);
  hasNewerRef.current = hasNewer;
  /** Staff asked for the newest messages: the next render that holds them scrolls to the end. */
  const toEnd = useRef(false);

  // Built on from the last render: a new message costs its own row, not the whole history.
  const timeline = useRef<Timeline | null>(null);
  timeline.current ??= new Timeline();
  const rows = useMemo(() => timeline.current!.rows(messages ?? NO_MESSAGES, notes, complete), [messages, notes, complete]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  // Callbacks that change only with the rows: the virtualizer measures all rows again whenever one of them changes (a new one each render cost a walk over the whole history per scroll frame).
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback((i: number) => estimateRowHeight(rowsRef.current[i]), []);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  // While the view is at the end (as it opens, or pinned there), the rows drawn are those at the end:
  // the layout effect below scrolls there before the frame is painted, so a render draws (and measures)
  // the rows staff will see, not those of the old scroll position only to replace them on the scroll event.
  const followEnd = useRef(true);
  const rangeExtractor = useCallback((range: Range) => defaultRangeExtractor(followEnd.current ? atEnd(range) : range), []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 4,
    useFlushSync: false,
    paddingStart: 8,
    paddingEnd: 8,
  });

  useEffect(() => void conversationActions.loadNotes(contact.id), [contact.id]);
  // Drawn with its messages: the chat is read (after the commit, see controller.markShown).
  const drawn = !!messages;
  useEffect(() => {
    if (drawn) void controller.markShown(contact.id);
  }, [drawn, contact.id]);

  const before = useRef<Before | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !messages) return;
    const prev = before.current;
    const firstKey = rows.find((r) => r.kind !== 'day')?.key ?? null;
    const last = messages[messages.length - 1];
    const lastId = last?.id ?? null;
    const opened = !prev || prev.contactId !== contact.id || prev.lastId === null;
    // A newer last message in a window that holds the newest: a live message or staff's own send.
    const newer = !opened && !hasNewer && lastId !== null && prev.lastId !== null && lastId > prev.lastId;
    const end = (): void => virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    if (opened) {
      if (rows.length) end();
    } else if (toEnd.current && !hasNewer) {
      toEnd.current = false;
      end();
    } else if (newer && ((prev.fromBottom < PIN_PX && !prev.hasNewer) || last?.direction === 'out')) {
      end();
    } else if (prev.rows !== rows) {
      const size = (r: Row): number => virtualizer.itemSizeCache.get(r.key) ?? estimateRowHeight(r);
      const shift = shiftAbove(prev, rows, firstKey, size, (i) => virtualizer.measurementsCache[i]?.start, virtualizer.options.paddingStart);
      if (shift !== 0) virtualizer.scrollToOffset(el.scrollTop + shift);
    }
    before.current = { contactId: contact.id, rows, firstKey, lastId, hasNewer, fromBottom: el.scrollHeight - el.clientHeight - el.scrollTop };
    followEnd.current = !hasNewer && before.current.fromBottom < PIN_PX;
  }, [rows, messages, hasNewer, contact.id, virtualizer]);

  // A search hit (or a quote) names a message: the window moves to it if need be, then it is scrolled to and highlighted.
  useEffect(() => {
    if (focusId === null || !messages) return;
    useUi.getState().focusMessage(null);
    setTarget(focusId);
    followEnd.current = false;
    void conversationActions.reveal(contact.id, focusId).then((found) => {
      if (!found) setTarget((current) => (current === focusId ? null : current));
    });
    // Only a new target (or the thread arriving) starts a reveal.
  }, [focusId, contact.id, !!messages]);

  // Once the target's row is drawn from the store (the deferred rows may come a frame after the reveal).
  useLayoutEffect(() => {
    if (target === null) return;
    const index = rows.findIndex((r) => r.kind === 'message' && r.message.id === target);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'center' });
    setHighlight(target);
    setTarget(null);
  }, [rows, target, virtualizer]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.clientHeight - el.scrollTop;
    followEnd.current = !hasNewerRef.current && fromBottom < PIN_PX;
    if (before.current) before.current.fromBottom = fromBottom;
    setAway(fromBottom > el.clientHeight);
    if (el.scrollTop < LOAD_PAGE_PX) void controller.loadOlder(contact.id);
    if (fromBottom < LOAD_PAGE_PX && hasNewerRef.current) void controller.loadNewer(contact.id);
  }, [contact.id]);

  const jumpToNewest = useCallback(() => {
    if (hasNewerRef.current) {
      toEnd.current = true;
      void controller.showLatest(contact.id);
    } else {
      virtualizer.scrollToIndex(rowsRef.current.length - 1, { align: 'end' });
    }
  }, [contact.id, virtualizer]);

  const items = virtualizer.getVirtualItems();
  return (
    <div
      className="thread"
      ref={scrollRef}
      onScroll={onScroll}
      data-testid="thread"
      data-rows={rows.length}
      data-messages={messages?.length ?? 0}
      data-oldest-id={messages?.[0]?.id ?? ''}
      tabIndex={0}
      role="region"
      aria-label={t('conversation.historyLabel')}
    >
      {complete && messages && messages.length > 0 && <div className="thread__marker" data-testid="thread-beginning">{t('conversation.beginning')}</div>}
      {thread?.loadingOlder && <div className="thread__marker thread__marker--loading">{t('conversation.loadingOlder')}</div>}
      {messages && messages.length === 0 && notes.length === 0 && contact.quarantined === 0 && (
        <div className="empty empty--small">{t('conversation.empty')}</div>
      )}
      <div className="thread__rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="thread__row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'day' && <DaySeparator date={row.date} />}
              {row.kind === 'note' && <NoteBubble note={row.note} />}
              {row.kind === 'message' && <MessageBubble message={row.message} focused={highlight === row.message.id} />}
            </div>
          );
        })}
      </div>
      {(away || hasNewer) && (
        <div className="thread__jump">
          <button type="button" className="thread__jump-button" onClick={jumpToNewest} data-testid="jump-to-newest" aria-label={t('conversation.jumpToNewest')} title={t('conversation.jumpToNewest')}>
            <ArrowDown size={18} aria-hidden="true" />
          </button>
        </div>
      )}
      {contact.quarantined > 0 && (
        <div className="thread__quarantine" data-testid="quarantine-note">
          {t('conversation.quarantined', { count: contact.quarantined })}
        </div>
      )}
    </div>
  );
}
