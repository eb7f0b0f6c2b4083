import { ApiError } from '../../contract/errors';
import { phoneOrThrow } from '../handlers/core';
import { pathParam, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';

/**
 * The local API's data-protection routes (manager scope): the access export
 * as a ZIP, the erasure, and the retention dry run.
 */
export const complianceRoutes: HttpRoute[] = [
  {
    method: 'GET',
    path: /^\/api\/v1\/contacts\/([^/]+)\/export$/,
    access: 'manager',
    audit: true,
    async handle({ res, match, app }) {
      const phone = phoneOrThrow(pathParam(match[1]!, 'phone'));
      const contact = app.context.store.contacts.byPhone(phone);
      if (!contact) throw new ApiError('not_found', 'unknown phone number', { field: 'phone' });
      const out = await app.context.compliance.accessExport(contact.id);
      res.writeHead(200, {
        'Content-Type': 'application/zip',
        'Content-Length': out.zip.length,
        'Content-Disposition': `attachment; filename="${out.fileName}"`,
        'Cache-Control': 'no-store',
      });
      res.end(out.zip);
    },
  },
  {
    method: 'DELETE',
    path: /^\/api\/v1\/contacts\/([^/]+)$/,
    access: 'manager',
    audit: true,
    async handle({ res, match, app }) {
      const phone = phoneOrThrow(pathParam(match[1]!, 'phone'));
      const result = await app.context.compliance.erasure.erasePhone(phone, { tombstone: true });
      sendJson(res, 200, { erased: result.erased, chatDeleted: result.chatDeleted });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/retention\/preview$/,
    access: 'manager',
    handle({ res, app }) {
      sendJson(res, 200, app.context.compliance.retention.preview());
    },
  },
];
