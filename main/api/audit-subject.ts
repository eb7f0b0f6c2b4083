import type { ServedApp } from './http-route';
import { toE164 } from '../core/phone';

/** A path that names a contact by number: /api/v1/contacts/{phone}…, /api/v1/conversations/{phone}…. */
const CONTACT_PATH = /^\/api\/v1\/(?:contacts|conversations)\/([^/]+)/;

/**
 * The contact an audited HTTP call is about, as its id (never the number, so
 * erasing the person leaves nothing in the access log to scrub). Null when the
 * path names no known contact.
 */
export function auditSubject(app: ServedApp, match: RegExpExecArray): number | null {
  const m = CONTACT_PATH.exec(match.input);
  if (!m) return null;
  try {
    return app.context.store.contacts.byPhone(toE164(decodeURIComponent(m[1]!)))?.id ?? null;
  } catch {
    return null;
  }
}
