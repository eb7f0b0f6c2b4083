/**
 * Typed API errors. They cross both transports as plain JSON
 * (`{ code, message, field?, reason? }`), so the renderer can show them.
 */

/**
 * The one error vocabulary: every refusal main sends over IPC, WebSocket or
 * HTTP uses one of these codes, and each code has exactly one HTTP status.
 * The renderer picks its words from the code (plus `reason`/`field`), so the
 * `message` is English developer text, never UI text.
 */
export const ERROR_STATUS = {
  validation: 400, // input did not match the method's schema; `field` names it
  unauthorized: 401, // no or a wrong token/API key
  forbidden: 403, // the caller itself is not allowed (foreign frame, cross-site, wrong role)
  consent_required: 403, // the send gate refused; `reason` says why
  not_found: 404,
  unknown_method: 404,
  conflict: 409, // e.g. a state transition not allowed from here; `allowed` lists the options
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422, // the same idempotency key with a different body
  rate_limited: 429, // slow down; HTTP answers carry Retry-After
  internal: 500,
  unavailable: 503, // e.g. the channel is not connected and the action cannot queue
} as const;

export type ApiErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ApiErrorCode[];
export const isErrorCode = (v: unknown): v is ApiErrorCode =>
  typeof v === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, v);

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** For validation errors: the dotted path of the first offending field. */
  field?: string;
  /** For consent_required: a machine-readable reason key (see core/send-gate). */
  reason?: string;
  /** For conflict: the values that would have been accepted. */
  allowed?: string[];
}

export class ApiError extends Error implements ApiErrorShape {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { field?: string; reason?: string; allowed?: string[] } = {},
  ) {
    super(message);
  }
  get field(): string | undefined {
    return this.extra.field;
  }
  get reason(): string | undefined {
    return this.extra.reason;
  }
  get allowed(): string[] | undefined {
    return this.extra.allowed;
  }
  toJSON(): ApiErrorShape {
    const out: ApiErrorShape = { code: this.code, message: this.message };
    if (this.extra.field !== undefined) out.field = this.extra.field;
    if (this.extra.reason !== undefined) out.reason = this.extra.reason;
    if (this.extra.allowed !== undefined) out.allowed = this.extra.allowed;
    return out;
  }
  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, { field: shape.field, reason: shape.reason, allowed: shape.allowed });
  }
}

/** The envelope both transports carry for every call. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
