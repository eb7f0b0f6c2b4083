import { z } from 'zod';
import { WebhookHttpCreateBody, WebhookWithDeliveries } from '../../contract/webhooks';
import { ApiError } from '../../contract/errors';
import { LOCAL_API_CALLER, type Session } from '../../core/session';
import { pathParam, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { validationError } from '../router';

/** Deliveries listed per webhook in GET /api/v1/webhooks. */
const RECENT_DELIVERIES = 20;

/**
 * The key a call manages webhooks for: an API key (any scope) sees and
 * removes only its own; serve mode's start token (the operator) manages the
 * app's webhooks and sees all of them, as the manager's settings do.
 */
const ownerOf = (session: Session): number | null => (session.caller?.kind === 'key' ? session.caller.keyId : null);

const webhookId = (raw: string): number => {
  const id = Number(pathParam(raw, 'id'));
  if (!Number.isInteger(id) || id < 1) throw new ApiError('validation', 'id: not a webhook id', { field: 'id' });
  return id;
};

/** Webhooks over HTTP: a shop system registers its own endpoint with its own API key (scope integration suffices). */
export const webhookRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: /^\/api\/v1\/webhooks$/,
    access: 'staff',
    audit: true,
    doc: {
      path: '/api/v1/webhooks',
      summary:
        'Register a webhook for this API key (https, or http to this PC); the signing secret is in this answer only. Revoking the key stops its webhooks.',
      body: WebhookHttpCreateBody,
      status: 201,
      response: z.object({ id: z.number().int(), secret: z.string() }),
    },
    async handle({ res, app, body, session }) {
      const parsed = WebhookHttpCreateBody.safeParse(await body());
      if (!parsed.success) throw validationError(parsed.error);
      const { url, events, name } = parsed.data;
      const keyId = ownerOf(session);
      const { webhook, secret } = app.context.webhooks.create({ name: name ?? session.caller?.name ?? LOCAL_API_CALLER, url, events, keyId });
      sendJson(res, 201, { id: webhook.id, secret });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/webhooks$/,
    access: 'staff',
    doc: {
      path: '/api/v1/webhooks',
      summary: "This API key's webhooks (never their secrets), oldest first, each with its latest deliveries (newest first).",
      response: z.array(WebhookWithDeliveries),
    },
    handle({ res, app, session }) {
      const w = app.context.webhooks;
      const keyId = ownerOf(session);
      const hooks = keyId === null ? w.list() : w.listOfKey(keyId);
      sendJson(
        res,
        200,
        hooks.map((h) => ({ ...h, deliveries: w.deliveries(h.id, RECENT_DELIVERIES) })),
      );
    },
  },
  {
    method: 'DELETE',
    path: /^\/api\/v1\/webhooks\/([^/]+)$/,
    access: 'staff',
    audit: true,
    doc: { path: '/api/v1/webhooks/{id}', summary: 'Remove one of this key\'s webhooks and its delivery log (another key\'s webhook: 404).', response: z.object({ deleted: z.literal(true) }) },
    handle({ res, match, app, session }) {
      const id = webhookId(match[1]!);
      const keyId = ownerOf(session);
      const deleted = keyId === null ? app.context.webhooks.delete(id) : app.context.webhooks.deleteOfKey(id, keyId);
      if (!deleted) throw new ApiError('not_found', 'no such webhook', { field: 'id' });
      sendJson(res, 200, { deleted: true });
    },
  },
];
