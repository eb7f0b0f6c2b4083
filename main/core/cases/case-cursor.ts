import { ApiError } from '../../contract/errors';

/** The cases list's keyset cursor: creation time and id, opaque to callers. */
export const encodeCursor = (t: number, id: string): string => Buffer.from(`${t}:${id}`).toString('base64url');
export function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const m = /^(\d+):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new ApiError('validation', 'cursor: not a cursor from this list', { field: 'cursor' });
  return { createdAt: Number(m[1]), id: m[2]! };
}
