import { z } from 'zod';
import { ApiKeyName, ApiKeyScope, ApiKeyView, CreatedApiKey } from '../../contract';
import { ApiError } from '../../contract/errors';
import { creatorName } from '../handlers/roles';
import { pathParam, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { validationError } from '../router';
import { openApiDocument } from '../openapi';

const CreateBody = z.object({ name: ApiKeyName, scope: ApiKeyScope }).strict();

/** API keys over HTTP (manager scope), and the OpenAPI document of every route. */
export const keyRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: /^\/api\/v1\/keys$/,
    access: 'manager',
    audit: true,
    doc: { path: '/api/v1/keys', summary: 'Create an API key; the key is in this answer only.', body: CreateBody, status: 201, response: CreatedApiKey },
    async handle({ res, app, body, session }) {
      const parsed = CreateBody.safeParse(await body());
      if (!parsed.success) throw validationError(parsed.error);
      const { row, key } = app.context.apiKeys.create({ ...parsed.data, createdBy: creatorName(app.context, session) });
      sendJson(res, 201, { id: row.id, key });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/keys$/,
    access: 'manager',
    doc: { path: '/api/v1/keys', summary: 'All API keys (never the keys themselves), newest first.', response: z.array(ApiKeyView) },
    handle({ res, app }) {
      sendJson(res, 200, app.context.apiKeys.list());
    },
  },
  {
    method: 'DELETE',
    path: /^\/api\/v1\/keys\/([^/]+)$/,
    access: 'manager',
    audit: true,
    doc: { path: '/api/v1/keys/{id}', summary: 'Revoke an API key: it gets 401 from now on.', response: ApiKeyView },
    handle({ res, match, app }) {
      const id = Number(pathParam(match[1]!, 'id'));
      if (!Number.isInteger(id) || id < 1) throw new ApiError('validation', 'id: not a key id', { field: 'id' });
      sendJson(res, 200, app.context.apiKeys.revoke(id));
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/openapi\.json$/,
    doc: { path: '/api/v1/openapi.json', summary: 'This document.' },
    handle({ res, app }) {
      sendJson(res, 200, openApiDocument(app.httpRoutes, app.context.version));
    },
  },
];
