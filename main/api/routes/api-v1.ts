import { z } from 'zod';
import { ApiError } from '../../contract/errors';
import { pathParam, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { IdempotencyKey, MessageText, Purpose } from '../../contract';
import type { ConsentEngine } from '../../core/consent/engine';
import { GATE_REASONS } from '../../core/consent/engine';
import { phoneOrThrow } from '../handlers/core';
import { validationError } from '../router';
import { LOCAL_API_CALLER } from '../../core/session';

const SendBody = z
  .object({
    to: z.string().trim().min(3).max(32),
    text: MessageText,
    purpose: Purpose.default('service'),
  })
  .strict();

/**
 * The local API for the shop system (same token as the UI). It goes through
 * the same gate as staff: without the consent the purpose needs, 403. It
 * never creates a contact — only the customer's own message can. ApiErrors
 * thrown here become their HTTP status in the server.
 */
export function apiV1Routes(engine: ConsentEngine): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/v1\/contacts\/([^/]+)$/,
      doc: {
        path: '/api/v1/contacts/{phone}',
        summary: "A contact's consent state by phone number (any form; normalised to E.164).",
        response: z.object({ phone: z.string(), consent: z.object({ service: z.string(), marketing: z.string() }) }),
      },
      handle({ res, match, app }) {
        const phone = phoneOrThrow(pathParam(match[1]!, 'phone'));
        const contact = app.context.store.contacts.byPhone(phone);
        if (!contact) throw new ApiError('not_found', 'unknown phone number');
        sendJson(res, 200, {
          phone: contact.phone,
          consent: { service: engine.state(contact.id, 'service'), marketing: engine.state(contact.id, 'marketing') },
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/v1\/messages$/,
      doc: {
        path: '/api/v1/messages',
        summary: 'Send a text through the consent gate (Idempotency-Key header recommended); authored with the key name.',
        body: SendBody,
        status: 202,
        response: z.object({ status: z.literal('queued'), messageId: z.number().int() }),
      },
      async handle({ req, res, app, body, caller, session }) {
        const rawKey = req.headers['idempotency-key'];
        const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
        if (key && !key.success) {
          throw new ApiError('validation', `Idempotency-Key: ${key.error.issues[0]?.message ?? 'invalid'}`, { field: 'Idempotency-Key' });
        }
        const parsed = SendBody.safeParse(await body());
        if (!parsed.success) throw validationError(parsed.error);
        const { to, text, purpose } = parsed.data;
        const phone = phoneOrThrow(to, 'to');
        // A repeated key answers what the first call answered, and sends nothing new.
        const answer = app.context.idempotency.run(caller, key?.data, 'POST /api/v1/messages', { to: phone, text, purpose }, () => {
          const contact = app.context.store.contacts.byPhone(phone);
          if (!contact) {
            const reason = purpose === 'marketing' ? 'no_marketing_consent' : 'no_service_consent';
            throw new ApiError('consent_required', GATE_REASONS[reason], { reason });
          }
          const message = app.context.messaging.send({ contactId: contact.id, text, purpose, kind: 'api', author: 'system', authorName: session.callerName ?? LOCAL_API_CALLER });
          return { status: 'queued', messageId: message.id };
        });
        sendJson(res, 202, answer);
      },
    },
  ];
}
