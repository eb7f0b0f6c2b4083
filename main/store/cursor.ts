import { ApiError } from '../contract/errors';

/** Keyset position: the sort key and id of the last row of a page. Opaque to callers. */
export type KeysetPosition = [number, number];

export const encodeCursor = (pos: KeysetPosition): string => Buffer.from(JSON.stringify(pos)).toString('base64url');

export function decodeCursor(cursor: string | undefined, field = 'cursor'): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => Number.isSafeInteger(x))) return v as KeysetPosition;
  } catch {
    // fall through
  }
  throw new ApiError('validation', `${field}: not a cursor of this list`, { field });
}

/** `next` for a page: set when the page is full (there may be more). */
export function nextCursor<T>(rows: T[], limit: number, key: (row: T) => KeysetPosition): string | null {
  return rows.length === limit && rows.length > 0 ? encodeCursor(key(rows[rows.length - 1]!)) : null;
}
