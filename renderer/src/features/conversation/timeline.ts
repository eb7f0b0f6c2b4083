import type { MessageView, NoteView } from '@contract';

export type Row =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'message'; key: string; message: MessageView }
  | { kind: 'note'; key: string; note: NoteView };

/** The local calendar day of an ISO time, as yyyy-mm-dd. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
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

/** The images of a chat in order, for the viewer's next/previous. */
export function chatImages(messages: readonly MessageView[], isImage: (m: MessageView) => boolean): MessageView[] {
  return messages.filter(isImage);
}
