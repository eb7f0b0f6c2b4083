import type { Range } from '@tanstack/react-virtual';

/**
 * The same number of rows as `range`, moved to the end of the list: what a
 * thread at its end (opening, or pinned there as messages arrive) draws
 * before the scroll to the end has been read back.
 */
export function atEnd(range: Range): Range {
  const shown = Math.min(range.endIndex - range.startIndex, range.count - 1);
  return { ...range, startIndex: Math.max(0, range.count - 1 - shown), endIndex: range.count - 1 };
}
