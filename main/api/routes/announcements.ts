import { AnnouncementCreateInput } from '../../contract/bot';
import { IdempotencyKey } from '../../contract/reliability';
import { sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { parseOrThrow } from '../router';

const ID = '([0-9a-f-]{36})';

const parse = parseOrThrow;

const counts = (v: { state: string; sent: number; pending: number; skipped: number; failed: number; skippedRecipients: unknown }) => ({
  state: v.state,
  sent: v.sent,
  pending: v.pending,
  skipped: v.skipped,
  failed: v.failed,
  skippedRecipients: v.skippedRecipients,
});

/**
 * Announcements over the local API (docs/api.md). Create answers who gets it
 * and who is skipped and why; `/send` starts the paced run (202), a second
 * `/send` is 409 unless it repeats the first one's Idempotency-Key.
 */
export const announcementRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: /^\/api\/v1\/announcements$/,
    async handle({ res, app, body }) {
      const input = parse(AnnouncementCreateInput, await body(24 * 1024 * 1024));
      sendJson(res, 201, await app.context.announcements.create(input));
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/v1/announcements/${ID}$`),
    handle({ res, app, match }) {
      sendJson(res, 200, counts(app.context.announcements.get(match[1]!)));
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/v1/announcements/${ID}/send$`),
    handle({ req, res, app, match }) {
      const header = req.headers['idempotency-key'];
      const key = header === undefined ? undefined : parse(IdempotencyKey, Array.isArray(header) ? header[0] : header);
      sendJson(res, 202, counts(app.context.announcements.send(match[1]!, key)));
    },
  },
  ...(['pause', 'resume', 'cancel'] as const).map(
    (action): HttpRoute => ({
      method: 'POST',
      path: new RegExp(`^/api/v1/announcements/${ID}/${action}$`),
      handle({ res, app, match }) {
        sendJson(res, 200, counts(app.context.announcements[action](match[1]!)));
      },
    }),
  ),
];
