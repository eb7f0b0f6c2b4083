import type { MessageView, NoteView } from '@contract';

export type Row =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'message'; key: string; message: MessageView }
  | { kind: 'note'; key: string; note: NoteView };

const dayOfMinute = new Map<string, string>();
/** Days are cached per minute of time; past this many minutes the cache starts again. */
const DAY_CACHE_MAX = 200_000;

/** The local calendar day of an ISO time, as yyyy-mm-dd. */
export function localDay(iso: string): string {
  // Every time zone's offset is whole minutes: the minute decides the day. A Date per message is what made long threads slow.
  const minute = iso.length >= 16 && iso[10] === 'T' && iso.endsWith('Z') ? iso.slice(0, 16) : null;
  const known = minute === null ? undefined : dayOfMinute.get(minute);
  if (known !== undefined) return known;
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (minute !== null) {
    if (dayOfMinute.size >= DAY_CACHE_MAX) dayOfMinute.clear();
    dayOfMinute.set(minute, day);
  }
  return day;
}

/**
 * Messages (by id) and notes (by time) as one list with a separator before
 * each new day. Notes older than the first loaded message wait until that
 * part of the history is loaded (unless the beginning is reached).
 */
export function buildTimeline(messages: readonly MessageView[], notes: readonly NoteView[], complete: boolean): Row[] {
  const rows: Row[] = [];
  const firstAt = messages[0]?.createdAt;
  let n = 0;
  if (!complete && firstAt) while (n < notes.length && notes[n]!.createdAt < firstAt) n++;
  let day = '';
  const push = (at: string, row: Row): void => {
    const d = localDay(at);
    if (d !== day) {
      day = d;
      rows.push({ kind: 'day', key: `d${d}`, date: at });
    }
    rows.push(row);
  };
  for (const m of messages) {
    while (n < notes.length && notes[n]!.createdAt <= m.createdAt) {
      const note = notes[n++]!;
      push(note.createdAt, { kind: 'note', key: `n${note.id}`, note });
    }
    push(m.createdAt, { kind: 'message', key: `m${m.id}`, message: m });
  }
  while (n < notes.length) {
    const note = notes[n++]!;
    push(note.createdAt, { kind: 'note', key: `n${note.id}`, note });
  }
  return rows;
}

/** What a Timeline remembers of the last list it built. */
interface Built {
  messages: readonly MessageView[];
  notes: readonly NoteView[];
  complete: boolean;
  rows: Row[];
  /** Row index of each message. */
  rowOf: number[];
}

/** Rows for `messages` alone (no notes), continuing after a row of day `day`. */
function messageRows(messages: readonly MessageView[], from: number, to: number, day: string, rows: Row[], rowOf: number[]): void {
  for (let i = from; i < to; i++) {
    const m = messages[i]!;
    const d = localDay(m.createdAt);
    if (d !== day) {
      day = d;
      rows.push({ kind: 'day', key: `d${d}`, date: m.createdAt });
    }
    rowOf.push(rows.length);
    rows.push({ kind: 'message', key: `m${m.id}`, message: m });
  }
}

/**
 * buildTimeline for one thread, kept between renders: new messages at the
 * end, a changed status near the end and an older page at the start reuse
 * the rows already built instead of walking the whole history again (a
 * thread scrolled back to its start holds 100,000 rows). Anything else —
 * notes in the thread, a change in the middle — builds the list anew.
 */
export class Timeline {
  private last: Built | null = null;

  rows(messages: readonly MessageView[], notes: readonly NoteView[], complete: boolean): Row[] {
    const prev = this.last;
    const built = prev && notes.length === 0 && prev.notes.length === 0 ? this.extend(prev, messages) : null;
    this.last = built ?? Timeline.full(messages, notes, complete);
    this.last.notes = notes;
    this.last.complete = complete;
    return this.last.rows;
  }

  private static full(messages: readonly MessageView[], notes: readonly NoteView[], complete: boolean): Built {
    const rows = buildTimeline(messages, notes, complete);
    const rowOf: number[] = [];
    rows.forEach((r, i) => r.kind === 'message' && rowOf.push(i));
    return { messages, notes, complete, rows, rowOf };
  }

  /** The rows for `messages` from those of `prev` (no notes on either side), or null when it cannot. */
  private extend(prev: Built, messages: readonly MessageView[]): Built | null {
    const old = prev.messages;
    if (messages === old) return prev;
    if (old.length === 0 || messages.length === 0) return null;
    // Older messages arrived in front: the old ones are the tail, unchanged.
    const head = messages.length - old.length;
    if (head > 0 && messages[head] === old[0] && messages[messages.length - 1] === old[old.length - 1]) {
      let same = true;
      for (let i = 0; i < old.length && same; i++) same = messages[head + i] === old[i];
      if (same) {
        const rows: Row[] = [];
        const rowOf: number[] = [];
        messageRows(messages, 0, head, '', rows, rowOf);
        // The old list starts with the separator of its first day; the new head may already end in that day.
        const drop = localDay(messages[head - 1]!.createdAt) === localDay(old[0]!.createdAt) ? 1 : 0;
        const shift = rows.length - drop;
        for (let i = drop; i < prev.rows.length; i++) rows.push(prev.rows[i]!);
        for (const r of prev.rowOf) rowOf.push(r + shift);
        return { messages, notes: prev.notes, complete: prev.complete, rows, rowOf };
      }
    }
    // Same beginning: rebuild from the first message that changed (new ones at the end, a status update).
    const n = Math.min(old.length, messages.length);
    let d = 0;
    while (d < n && messages[d] === old[d]) d++;
    if (d === 0) return null;
    const cut = prev.rowOf[d - 1]! + 1;
    const rows = prev.rows.slice(0, cut);
    const rowOf = prev.rowOf.slice(0, d);
    messageRows(messages, d, messages.length, localDay(messages[d - 1]!.createdAt), rows, rowOf);
    return { messages, notes: prev.notes, complete: prev.complete, rows, rowOf };
  }
}

/** The images of a chat in order, for the viewer's next/previous. */
export function chatImages(messages: readonly MessageView[], isImage: (m: MessageView) => boolean): MessageView[] {
  return messages.filter(isImage);
}
