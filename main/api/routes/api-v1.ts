import { z } from 'zod';
import { ApiError } from '../errors';
import { sendJson } from '../http-util';
import type { HttpRoute } from '../server';
import { MessageText, Purpose } from '../contract';
import type { ConsentEngine } from '../../core/consent/engine';
import { GATE_REASONS } from '../../core/consent/engine';
import { InvalidPhoneError, toE164 } from '../../core/phone';
import { validationError } from '../router';

const SendBody = z
  .object({
    to: z.string().trim().min(3).max(32),
    text: MessageText,
    purpose: Purpose.default('service'),
  })
  .strict();

const badPhone = (res: Parameters<HttpRoute['handle']>[0]['res'], field: string, err: InvalidPhoneError) =>
  sendJson(res, 400, { error: 'validation', field, message: `${field}: ${err.message}` });

/**
 * The local API for the shop system (same token as the UI). It goes through
 * the same gate as staff: without the consent the purpose needs, 403. It
 * never creates a contact — only the customer's own message can.
 */
export function apiV1Routes(engine: ConsentEngine): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/v1\/contacts\/([^/]+)$/,
      handle({ res, match, app }) {
        let phone: string;
        try {
          phone = toE164(decodeURIComponent(match[1]!));
        } catch (err) {
          if (err instanceof InvalidPhoneError || err instanceof URIError) {
            return badPhone(res, 'phone', err instanceof InvalidPhoneError ? err : new InvalidPhoneError('bad encoding'));
          }
          throw err;
        }
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
        if (!parsed.success) {
          const e = validationError(parsed.error);
          return sendJson(res, 400, { error: 'validation', field: e.field, message: e.message });
        }
        const { to, text, purpose } = parsed.data;
        let phone: string;
        try {
          phone = toE164(to);
        } catch (err) {
          if (err instanceof InvalidPhoneError) return badPhone(res, 'to', err);
          throw err;
        }
        const contact = app.context.store.contacts.byPhone(phone);
        if (!contact) {
          const reason = purpose === 'marketing' ? 'no_marketing_consent' : 'no_service_consent';
          return sendJson(res, 403, { error: 'consent_required', reason, message: GATE_REASONS[reason] });
        }
        try {
          const message = app.context.messaging.send({ contactId: contact.id, text, purpose, kind: 'api', author: 'system' });
          sendJson(res, 202, { status: 'queued', messageId: message.id });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'consent_required') {
            return sendJson(res, 403, { error: 'consent_required', reason: err.reason, message: err.message });
          }
          throw err;
        }
      },
    },
  ];
}
