import { z } from 'zod';

/**
 * A client's idempotency key: the same key again returns the first answer and
 * sends nothing new (kept at least 24 h per caller). Printable ASCII, so the
 * same value works as the HTTP `Idempotency-Key` header.
 */
export const IdempotencyKey = z
  .string()
  .min(1)
  .max(128, 'idempotency key is longer than 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'idempotency key must be printable ASCII without spaces');
