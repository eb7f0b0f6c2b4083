import { sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';

/** Backups over the local API (docs/api.md): make one now, list them. Manager only, each call logged. */
export const backupRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: /^\/api\/v1\/backups$/,
    access: 'manager',
    audit: true,
    async handle({ res, app }) {
      sendJson(res, 201, await app.context.backups.run('manual'));
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/backups$/,
    access: 'manager',
    audit: true,
    handle({ res, app }) {
      sendJson(res, 200, app.context.backups.list());
    },
  },
];
