import { z } from 'zod';
import { CaseCreateInput, CaseListInput, CaseUpdateInput, MAX_IMPORT_CSV } from '../../contract/cases';
import { ApiError } from '../../contract/errors';
import { pathParam, readJson, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { parseOrThrow } from '../router';

const ID = '([A-Za-z0-9-]{1,64})';
const ImportBody = z
  .object({
    csv: z.string().min(1, 'CSV is empty').max(MAX_IMPORT_CSV, 'CSV larger than 2 MB'),
    commit: z.boolean().default(false),
    skipInvalid: z.boolean().default(false),
  })
  .strict();

const parse = parseOrThrow;

/** Query string → list input: booleans and numbers as a shop system writes them. */
function listInput(url: URL): unknown {
  const q = url.searchParams;
  const out: Record<string, unknown> = {};
  for (const [k, v] of q) {
    if (k === 'token') continue;
    if (k === 'overdue' || k === 'open') out[k] = v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
    else if (k === 'limit') out[k] = /^\d+$/.test(v) ? Number(v) : v;
    else out[k] = v;
  }
  return out;
}

/**
 * The local API for cases (same token as the UI). Bodies are validated
 * against the contract's schemas, so a bad field is named in a 400 and
 * nothing is written; a refused transition is 409 with the allowed statuses.
 * A case for a number that never wrote creates no contact and sends nothing.
 */
export const caseRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: /^\/api\/v1\/cases$/,
    async handle({ res, app, body }) {
      const input = parse(CaseCreateInput, await body());
      const c = app.context.cases.service.create(input, 'api');
      sendJson(res, 201, { id: c.id, number: c.number, type: c.type, status: c.status, phone: c.phone });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/cases$/,
    handle({ req, res, app }) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      sendJson(res, 200, app.context.cases.service.list(parse(CaseListInput, listInput(url))));
    },
  },
  {
    method: 'POST',
    path: /^\/api\/v1\/cases\/import$/,
    async handle({ req, res, app }) {
      const { csv, commit, skipInvalid } = parse(ImportBody, await readJson(req, MAX_IMPORT_CSV + 64 * 1024));
      const importer = app.context.cases.importer;
      if (!commit) return sendJson(res, 200, importer.preview(csv));
      sendJson(res, 200, importer.commit(csv, skipInvalid));
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/v1/cases/${ID}$`),
    handle({ res, match, app }) {
      sendJson(res, 200, app.context.cases.service.get(pathParam(match[1]!, 'id')));
    },
  },
  {
    method: 'PATCH',
    path: new RegExp(`^/api/v1/cases/${ID}$`),
    async handle({ res, match, app, body }) {
      const raw = await body();
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError('validation', 'body: expected a JSON object');
      if ('id' in raw) throw new ApiError('validation', 'id: the id is part of the path', { field: 'id' });
      const input = parse(CaseUpdateInput, { ...raw, id: pathParam(match[1]!, 'id') });
      sendJson(res, 200, await app.context.cases.service.update(input, 'api'));
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/v1/cases/${ID}/label\\.pdf$`),
    async handle({ req, res, match, app }) {
      const format = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('format') ?? 'a6';
      if (format !== 'a4' && format !== 'a6') throw new ApiError('validation', 'format: a4 or a6', { field: 'format' });
      const label = await app.context.cases.service.label(pathParam(match[1]!, 'id'), format);
      const data = Buffer.from(label.base64, 'base64');
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': data.length,
        'Content-Disposition': `attachment; filename="${label.fileName}"`,
        'Cache-Control': 'no-store',
      });
      res.end(data);
    },
  },
];
