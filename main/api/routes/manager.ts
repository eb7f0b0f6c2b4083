import { StatsInput } from '../../contract/manager';
import { ApiError } from '../../contract/errors';
import { sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { validationError } from '../router';

const query = (url: string | undefined) => new URL(url ?? '/', 'http://127.0.0.1').searchParams;

/**
 * The manager's local API: statistics and the record of processing
 * activities. Both are for managers and written to the access log.
 */
export const managerRoutes: HttpRoute[] = [
  {
    method: 'GET',
    path: /^\/api\/v1\/stats$/,
    access: 'manager',
    audit: true,
    handle({ req, res, app }) {
      const q = query(req.url);
      for (const field of ['from', 'to']) {
        if (!q.has(field)) throw new ApiError('validation', `${field}: required (YYYY-MM-DD)`, { field });
      }
      const parsed = StatsInput.safeParse({ from: q.get('from'), to: q.get('to') });
      if (!parsed.success) throw validationError(parsed.error);
      sendJson(res, 200, app.context.manager.stats(parsed.data));
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/records\/processing$/,
    access: 'manager',
    audit: true,
    async handle({ req, res, app }) {
      const format = query(req.url).get('format') ?? 'html';
      if (format !== 'html' && format !== 'pdf') throw new ApiError('validation', 'format: html or pdf', { field: 'format' });
      if (format === 'pdf') {
        const pdf = await app.context.manager.processingRecordPdf();
        res.writeHead(200, {
          'Content-Type': 'application/pdf',
          'Content-Length': pdf.bytes.length,
          'Content-Disposition': `attachment; filename="${pdf.fileName}"`,
          'Cache-Control': 'no-store',
        });
        res.end(Buffer.from(pdf.bytes));
        return;
      }
      const html = app.context.manager.processingRecord().html;
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(html),
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(html);
    },
  },
];
