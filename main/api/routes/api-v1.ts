import { z } from 'zod';
import { ApiError } from '../../contract/errors';
import { pathParam, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { MessageText, Purpose } from '../../contract';
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
      handle({ res, match, app }) {
        const phone = phoneOrThrow(pathParam(match[1]!, 'phone'));
        const contact = app.context.store.contacts.byPhone(phone);
        if (!contact) return sendJson(res, 404, { error: 'not_found', message: 'unknown phone number' });
        sendJson(res, 200, {
          phone: contact.phone,
          consent: { service: engine.state(contact.id, 'service'), marketing: engine.state(contact.id, 'marketing') },
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/v1\/messages$/,
      async handle({ res, app, body }) {
        const parsed = SendBody.safeParse(await body());
        if (!parsed.success) throw validationError(parsed.error);
        const { to, text, purpose } = parsed.data;
        const contact = app.context.store.contacts.byPhone(phoneOrThrow(to, 'to'));
        if (!contact) {
          const reason = purpose === 'marketing' ? 'no_marketing_consent' : 'no_service_consent';
          throw new ApiError('consent_required', GATE_REASONS[reason], { reason });
        }
        // Signed with the caller's name: the shop system speaks, not a consent text.
        const message = app.context.messaging.send({ contactId: contact.id, text, purpose, kind: 'api', author: 'system', authorName: LOCAL_API_CALLER });
        sendJson(res, 202, { status: 'queued', messageId: message.id });
      },
    },
  ];
}
