import { MAX_SEND_MEDIA_BYTES } from '../../contract';
import { ApiError } from '../../contract/errors';
import { phoneOrThrow, simulatorOrThrow } from '../handlers/core';
import { pathParam, sendError, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';

const PHONE_PATH = /^\/sim\/customers\/([^/]+)\/messages$/;
const MEDIA_PATH = /^\/sim\/customers\/([^/]+)\/messages\/([^/]+)\/media$/;
/** A file as base64 plus a little JSON around it. */
const MAX_BODY = Math.ceil(MAX_SEND_MEDIA_BYTES / 3) * 4 + 64 * 1024;

/**
 * Drive simulated customers' phones from outside the process (tests, training scripts):
 * POST `{"text"?, "media"?: {"mime", "fileName", "data"}, "location"?, "quote"?: {"id"} | "<text>"}`,
 * GET the phone's items, GET an item's file.
 */
export const simRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: PHONE_PATH,
    async handle({ res, match, app, body }) {
      const raw = await body(MAX_BODY);
      const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : { text: raw };
      const result = await app.dispatch('sim.send', { ...input, phone: pathParam(match[1]!, 'phone') });
      if (!result.ok) return sendError(res, result.error);
      sendJson(res, 202, { status: 'accepted', ...(result.value as object) });
    },
  },
  {
    method: 'GET',
    path: PHONE_PATH,
    handle({ res, match, app }) {
      const sim = simulatorOrThrow(app.context);
      sendJson(res, 200, sim.phone(phoneOrThrow(pathParam(match[1]!, 'phone'))));
    },
  },
  {
    method: 'GET',
    path: MEDIA_PATH,
    handle({ res, match, app }) {
      const sim = simulatorOrThrow(app.context);
      const file = sim.file(phoneOrThrow(pathParam(match[1]!, 'phone')), pathParam(match[2]!, 'id'));
      if (!file) throw new ApiError('not_found', 'no such file on this phone');
      res.writeHead(200, {
        // Never rendered as a page: the bytes come from a (simulated) customer.
        'Content-Type': file.mime,
        'Content-Length': file.data.length,
        'Content-Disposition': 'attachment',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'no-store',
      });
      res.end(file.data);
    },
  },
];
