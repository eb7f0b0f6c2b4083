import type { z } from 'zod';
import type { Logger } from '../runtime';
import { newSession, type Session } from '../core/session';
import { isMethodName, methods, type MethodName, type MethodOutput, type MethodParsedInput } from '../contract';
import { ApiError, type Envelope } from '../contract/errors';

/** A method's implementation; `session` is the calling window/connection (its profile is main's to know). */
export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  session: Session,
) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

/** "contactId: Expected number, received string" — the first issue, naming the field. */
export function validationError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  // A field the API does not know is named as such, not as "input".
  if (issue?.code === 'unrecognized_keys' && issue.path.length === 0) {
    const key = issue.keys[0] ?? 'input';
    return new ApiError('validation', `${key}: unknown field`, { field: key });
  }
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ?? 'input'}: ${issue.message}` : 'invalid input';
  return new ApiError('validation', message, field === undefined ? {} : { field });
}

/** The parsed value, or the validation error naming the first bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error);
  return r.data;
}

/**
 * The single entry point both transports call. Input is validated against the
 * contract before a handler runs, so an invalid call writes nothing.
 */
export function createDispatcher(handlers: Handlers, logger: Logger) {
  // A caller without a session of its own (e.g. an internal call) gets a fresh one: no profile.
  return async function dispatch(method: string, input: unknown, session: Session = newSession()): Promise<Envelope<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: new ApiError('unknown_method', `unknown method: ${String(method).slice(0, 80)}`).toJSON() };
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toJSON() };
    try {
      const handler = handlers[method] as (input: unknown, session: Session) => unknown;
      const value = await handler(parsed.data, session);
      return { ok: true, value: value ?? null };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toJSON() };
      logger.error(`${method} failed`, { error: err instanceof Error ? err.stack : String(err) });
      return { ok: false, error: new ApiError('internal', 'internal error').toJSON() };
    }
  };
}
