/**
 * The phone rule itself lives in the contract, shared with the renderer.
 * Messenger ids are opaque here: each adapter reads and builds its own
 * (the WhatsApp forms live in main/channels/whatsapp/wa-ids.ts).
 */
export { formatInternational, InvalidPhoneError, phoneFromDigits, toE164 } from '../contract/phone';
