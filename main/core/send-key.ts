import { randomUUID } from 'node:crypto';

/**
 * The idempotency key of a queued message: a UUID version 7 (RFC 9562),
 * the time in its first 48 bits and 74 random bits after. The outbox's
 * unique index on the key then grows at its end like the other indexes of a
 * batch, where a random UUID put each key on another page: 136 of a
 * catch-up batch's 1,810 written pages while new customers were asked for
 * consent. Its uniqueness rests on the random bits, as before.
 */
export function newSendKey(now: number): string {
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; keep its random bits and variant, set version 7.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
