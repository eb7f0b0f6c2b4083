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

/** A body the route cannot read: too large (413) or not JSON (400). */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly code: 'validation' | 'payload_too_large' = 'validation',
  ) {
    super(message);
  }
}

/** Body limits: JSON routes are small; routes that take a file (base64) are larger. */
export const JSON_BODY_LIMIT = 256 * 1024;
export const FILE_BODY_LIMIT = 24 * 1024 * 1024;

/** An answer to a refused WebSocket upgrade, in the same shape as every HTTP refusal. */
export function upgradeRefusal(error: ApiErrorShape): string {
  const { code, ...rest } = error;
  const body = JSON.stringify({ error: code, ...rest });
  const status = httpStatusOf[code];
  return (
    `HTTP/1.1 ${status} ${code}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** A URL path segment, decoded; a malformed escape is the caller's validation error, not a crash. */
export function pathParam(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError('validation', `${field}: malformed URL encoding`, { field });
  }
}

/** Reads a JSON body with a hard size cap, so one request cannot exhaust memory. */
export async function readJson(req: IncomingMessage, maxBytes = JSON_BODY_LIMIT): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new BodyError(`body larger than ${maxBytes} bytes`, 'payload_too_large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyError(`body larger than ${maxBytes} bytes`, 'payload_too_large');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('body is not valid JSON');
  }
}
