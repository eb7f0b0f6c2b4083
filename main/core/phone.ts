/**
 * The phone rule itself lives in the contract, shared with the renderer.
 * Messenger ids are opaque here: each adapter reads and builds its own
 * (the WhatsApp forms live in main/channels/whatsapp/wa-ids.ts).
 */
import { ApiError } from '../contract/errors';
import { InvalidPhoneError, toE164 } from '../contract/phone';

export { formatInternational, InvalidPhoneError, phoneFromDigits, toE164 } from '../contract/phone';

/** The number in E.164, or a validation error naming the field the caller read it from. */
export function phoneOrThrow(input: string, field = 'phone'): string {
  try {
    return toE164(input);
  } catch (err) {
    if (err instanceof InvalidPhoneError) throw new ApiError('validation', `${field}: ${err.message}`, { field });
    throw err;
  }
}
