import { z } from 'zod';
import { WEBHOOK_EVENTS } from './constants';
import { method } from './define';
import { Id } from './models';

/**
 * Webhooks: signed HTTP calls to a shop system on app events. Managers see
 * and manage all of them here; an API key manages its own over HTTP
 * (/api/v1/webhooks), and revoking the key stops them.
 */

export { WEBHOOK_EVENTS };
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>` keyed with the webhook's secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Tresen-Signature';
/** Unix seconds when the call was signed (also inside the signed body as `timestamp`). */
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Tresen-Timestamp';

export const WebhookView = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  events: z.array(WebhookEvent),
  /** The API key this webhook belongs to (null: made in the app). */
  keyId: z.number().int().nullable(),
  /** That key's name (null: made in the app). */
  keyName: z.string().nullable(),
  /** When its API key was revoked: from then on no event is delivered (null: active). */
  stoppedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhookDelivery = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  event: WebhookEvent,
  state: z.enum(['pending', 'delivered', 'failed']),
  /** The last HTTP status answered (null: no answer, e.g. refused or timed out). */
  statusCode: z.number().int().nullable(),
  attempts: z.number().int(),
  /** When the next try runs (ISO), null when done. */
  nextAttemptAt: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookCreateInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: z.string().trim().min(1).max(2000),
    events: z.array(WebhookEvent).min(1).max(WEBHOOK_EVENTS.length),
    keyId: Id.nullable().optional(),
  })
  .strict();

/** What a shop system sends to POST /api/v1/webhooks (the name defaults to its key's name). */
export const WebhookHttpCreateBody = z
  .object({
    url: z.string().trim().min(1).max(2000),
    events: z.array(WebhookEvent).min(1).max(WEBHOOK_EVENTS.length),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** A webhook as its key sees it over HTTP: with its latest deliveries. */
export const WebhookWithDeliveries = WebhookView.extend({ deliveries: z.array(WebhookDelivery) });

export const webhookMethods = {
  'webhooks.list': method(z.object({}).strict(), z.array(WebhookView), 'The webhooks, oldest first.', { access: 'manager', audit: true }),
  'webhooks.create': method(
    WebhookCreateInput,
    z.object({ webhook: WebhookView, secret: z.string() }),
    'Adds a webhook (https, or http to this PC); the signing secret is shown once.',
    { access: 'manager', audit: true },
  ),
  'webhooks.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() }), 'Removes a webhook and its delivery log.', {
    access: 'manager',
    audit: true,
  }),
  'webhooks.deliveries': method(
    z.object({ webhookId: Id.optional() }).strict(),
    z.array(WebhookDelivery),
    'The latest deliveries (newest first) with status code, attempts and next retry.',
    { access: 'manager', audit: true },
  ),
} as const;

export const webhookEvents = {
  /** A delivery changed (sent, failed, retry planned): the log in settings refreshes. */
  'webhooks.delivery': WebhookDelivery,
} as const;
