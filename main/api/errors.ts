/**
 * Typed API errors. They cross both transports as plain JSON
 * (`{ code, message, field?, reason? }`), so the renderer can show them.
 */

export type ApiErrorCode =
  | 'validation' // input did not match the method's schema
  | 'not_found'
  | 'consent_required' // the send gate refused; `reason` says why
  | 'conflict'
  | 'unavailable' // e.g. the channel is not connected and the action cannot queue
  | 'forbidden' // the caller itself is not allowed (e.g. an IPC call from a foreign frame)
  | 'unknown_method'
  | 'internal';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** For validation errors: the dotted path of the first offending field. */
  field?: string;
  /** For consent_required: a machine-readable reason key (see core/send-gate). */
  reason?: string;
}

export class ApiError extends Error implements ApiErrorShape {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { field?: string; reason?: string } = {},
  ) {
    super(message);
  }
  get field(): string | undefined {
    return this.extra.field;
  }
  get reason(): string | undefined {
    return this.extra.reason;
  }
  toJSON(): ApiErrorShape {
    const out: ApiErrorShape = { code: this.code, message: this.message };
    if (this.extra.field !== undefined) out.field = this.extra.field;
    if (this.extra.reason !== undefined) out.reason = this.extra.reason;
    return out;
  }
  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, { field: shape.field, reason: shape.reason });
  }
}

/** The envelope both transports carry for every call. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
