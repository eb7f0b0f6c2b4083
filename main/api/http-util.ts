import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, ERROR_STATUS, type ApiErrorCode, type ApiErrorShape } from '../contract/errors';

/** The status for each code comes from the contract's one list. */
export const httpStatusOf: Record<ApiErrorCode, number> = ERROR_STATUS;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

/** `{"error": code, "message": …, "field"?, "reason"?}` with the status that fits the code. */
export function sendError(res: ServerResponse, error: ApiErrorShape): void {
  const { code, ...rest } = error;
  sendJson(res, httpStatusOf[code], { error: code, ...rest });
}

export class BodyError extends Error {}

/** A URL path segment, decoded; a malformed escape is the caller's validation error, not a crash. */
export function pathParam(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError('validation', `${field}: malformed URL encoding`, { field });
  }
}

/** Reads a JSON body with a hard size cap, so one request cannot exhaust memory. */
export async function readJson(req: IncomingMessage, maxBytes = 256 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyError(`body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('body is not valid JSON');
  }
}
