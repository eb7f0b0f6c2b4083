import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary, MessageView, NoteView } from '@contract';
import { controller } from '../../app/instance';
import { useMessages } from '../../store/messages';
import { useUi } from '../../store/ui';
import { conversationActions } from './actions';
import { atEnd } from './end-range';
import { useConversation } from './conversation-store';
import { MessageBubble, NoteBubble } from './MessageBubble';
import { Timeline, type Row } from './timeline';
import './thread.css';

/** Within this distance of the bottom, new messages keep the view pinned there. */
const PIN_PX = 120;
/** Within this distance of the top, the next older page is fetched. */
const LOAD_OLDER_PX = 600;
const NO_NOTES: NoteView[] = [];
const NO_MESSAGES: MessageView[] = [];

function estimate(row: Row | undefined): number {
  if (!row) return 60;
  if (row.kind === 'day') return 40;
  if (row.kind === 'note') return 84;
  const m = row.message;
  if (m.media) return m.type === 'image' || m.type === 'video' ? 260 : 110;
  return 56 + Math.floor(m.body.length / 60) * 20;
}

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
      : d.toLocaleDateString(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <div className="day" data-testid="day-separator">
      <span className="day__label">{label}</span>
    </div>
  );
}

/**
 * The history, virtualized: only the rows on screen are in the page, so a
 * chat of 100,000 messages stays as quick as one of ten. Opens at the
 * bottom; older pages are prepended without moving what staff reads.
 */
export function Thread({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  // The history renders at transition priority: a store update (a WebSocket answer, a frame's
  // batch of events) only schedules it, and typing or a click in between is never held up by it.
  const thread = useDeferredValue(useMessages((s) => s.byContact[contact.id]));
  const notes = useDeferredValue(useConversation((s) => s.notesByContact[contact.id] ?? NO_NOTES));
  const focusId = useUi((s) => s.focusMessageId);
  const [highlight, setHighlight] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const messages = thread?.messages;
  const complete = !!thread && !thread.hasOlder;

  // Built on from the last render: a new message costs its own row, not the whole history.
  const timeline = useRef<Timeline | null>(null);
  timeline.current ??= new Timeline();
  const rows = useMemo(() => timeline.current!.rows(messages ?? NO_MESSAGES, notes, complete), [messages, notes, complete]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  // Callbacks that change only with the rows: the virtualizer measures all rows again whenever one of them changes (a new one each render cost a walk over the whole history per scroll frame).
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback((i: number) => estimate(rowsRef.current[i]), []);
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
    overscan: 6,
    paddingStart: 8,
    paddingEnd: 8,
  });

  useEffect(() => void conversationActions.loadNotes(contact.id), [contact.id]);

  // Where the list stood before this render: first row, last row, distance from the bottom.
  const before = useRef<{ contactId: number; firstKey: string | null; lastKey: string | null; fromBottom: number } | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !messages) return;
    const prev = before.current;
    // The first message, not the first row: an older page from the same day keeps that day's separator first.
    const firstKey = rows.find((r) => r.kind !== 'day')?.key ?? null;
    const lastKey = rows[rows.length - 1]?.key ?? null;
    const last = messages[messages.length - 1];
    const opened = !prev || prev.contactId !== contact.id || prev.lastKey === null;
    if (opened) {
      if (rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    } else if (prev.firstKey !== firstKey && prev.firstKey) {
      // Older rows arrived above: keep the row that was first at the same place on screen.
      const index = rows.findIndex((r) => r.key === prev.firstKey);
      const start = index > 0 ? virtualizer.measurementsCache[index]?.start : undefined;
      if (start !== undefined) virtualizer.scrollToOffset(el.scrollTop + start - virtualizer.options.paddingStart);
    } else if (prev.lastKey !== lastKey && (prev.fromBottom < PIN_PX || last?.direction === 'out')) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    before.current = { contactId: contact.id, firstKey, lastKey, fromBottom: el.scrollHeight - el.clientHeight - el.scrollTop };
    followEnd.current = before.current.fromBottom < PIN_PX;
  }, [rows, messages, contact.id, virtualizer]);

  // A search hit (or a quote) names a message: load back to it, scroll there and highlight it.
  useEffect(() => {
    if (focusId === null || !messages) return;
    let cancelled = false;
    void conversationActions.reveal(contact.id, focusId).then((found) => {
      if (cancelled || !found) return;
      const index = rowsRef.current.findIndex((r) => r.kind === 'message' && r.message.id === focusId);
      if (index >= 0) {
        virtualizer.scrollToIndex(index, { align: 'center' });
        setHighlight(focusId);
      }
      useUi.getState().focusMessage(null);
    });
    return () => {
      cancelled = true;
    };
    // Only a new target (or the thread arriving) starts a reveal.
  }, [focusId, contact.id, !!messages]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.clientHeight - el.scrollTop;
    followEnd.current = fromBottom < PIN_PX;
    if (before.current) before.current.fromBottom = fromBottom;
    if (el.scrollTop < LOAD_OLDER_PX) void controller.loadOlder(contact.id);
  }, [contact.id]);

  const items = virtualizer.getVirtualItems();
  return (
    <div
      className="thread"
      ref={scrollRef}
      onScroll={onScroll}
      data-testid="thread"
      data-rows={rows.length}
      data-messages={messages?.length ?? 0}
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
      {contact.quarantined > 0 && (
        <div className="thread__quarantine" data-testid="quarantine-note">
          {t('conversation.quarantined', { count: contact.quarantined })}
        </div>
      )}
    </div>
  );
}
