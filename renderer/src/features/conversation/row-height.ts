import type { MessageView } from '@contract';
import type { Row } from './timeline';

/*
 * The height a history row will have before it is drawn, for the virtualizer.
 *
 * Exact for day separators and plain texts in a window 1280 px wide or wider
 * (where a bubble is at its widest, 640 px): a row whose measurement equals
 * its estimate moves nothing, so opening a chat draws its rows once. With the
 * old estimate (56 px a line) every row measured 3 px off, the rows moved, and
 * React drew the rows that came into range again inside the same commit
 * (21 ms of a 50 ms task when the session's first chat opened). Other rows
 * are close guesses that their measurement corrects. The pixel values follow
 * message.css and thread.css; test/e2e/thread-row-height.spec.ts fails when
 * they no longer do.
 */

/** A day separator. */
export const DAY_PX = 40;
/** A text of one line: the bubble's padding, the line, the time line below it and the gap to the next row. */
export const TEXT_PX = 59;
/** Each further line of text. */
export const LINE_PX = 21;
/** The author line above the text (staff with a name, the bot, the phone, the system). */
export const AUTHOR_PX = 17.75;
/** Characters on a line of a bubble at its widest (640 px, the window's default font). */
export const LINE_CHARS = 80;
const NOTE_PX = 84;
const PICTURE_PX = 260;
const FILE_PX = 110;

/** Whether a message shows an author line above its text (MessageBubble's Author). */
export function showsAuthor(m: Pick<MessageView, 'author' | 'authorName'>): boolean {
  if (m.author === 'staff') return !!m.authorName;
  return m.author !== 'customer';
}

/** Lines a text takes in a bubble at its widest: each of its own lines, wrapped. */
export function textLines(body: string): number {
  let lines = 0;
  for (const line of body.split('\n')) lines += Math.max(1, Math.ceil(line.length / LINE_CHARS));
  return lines;
}

/** A plain text's row, rounded as the virtualizer rounds what it measures. */
export function textRowHeight(body: string, authorLine: boolean): number {
  return Math.round(TEXT_PX + LINE_PX * (textLines(body) - 1) + (authorLine ? AUTHOR_PX : 0));
}

export function estimateRowHeight(row: Row | undefined): number {
  if (!row) return TEXT_PX;
  if (row.kind === 'day') return DAY_PX;
  if (row.kind === 'note') return NOTE_PX;
  const m = row.message;
  if (m.media) return m.type === 'image' || m.type === 'video' ? PICTURE_PX : FILE_PX;
  return textRowHeight(m.body, showsAuthor(m));
}
