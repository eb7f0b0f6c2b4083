import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '@contract';
import { ApiError, isErrorCode } from '@contract/errors';
import type { ApiErrorShape, Envelope } from '@contract/errors';

/**
 * The one way the UI talks to main. Two transports (Electron IPC through
 * window.tresen, WebSocket in serve mode) carry the same envelopes; the client
 * unwraps them so components see either a value or an ApiError.
 */

/**
 * `refused`: the server no longer takes this page's token (restarted with a new
 * one); final, staff must open the new address. `lost`: nothing answers at this
 * address for a while (the server is down or moved to another port); the
 * transport keeps trying.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'lost' | 'refused';

export interface Transport {
  /** Resolves with the raw envelope; rejects only when the transport itself fails. */
  request(method: MethodName, input: unknown): Promise<unknown>;
  subscribe(event: EventName, fn: (payload: unknown) => void): () => void;
  /** Connection changes; `reconnected` is true when the link came back after a loss. */
  onConnection(fn: (state: ConnectionState, reconnected: boolean) => void): () => void;
  connection(): ConnectionState;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void): () => void;
  onConnection(fn: (state: ConnectionState, reconnected: boolean) => void): () => void;
  connection(): ConnectionState;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isErrorShape = (v: unknown): v is ApiErrorShape =>
  isRecord(v) && isErrorCode(v.code) && typeof v.message === 'string';

export const isEnvelope = (v: unknown): v is Envelope<unknown> =>
  isRecord(v) && ((v.ok === true && 'value' in v) || (v.ok === false && isErrorShape(v.error)));

/** Value of an ok envelope; an ApiError for an error envelope or anything malformed. */
export function unwrap<T>(raw: unknown): T {
  if (!isEnvelope(raw)) throw new ApiError('internal', 'Unexpected answer from the app');
  if (raw.ok) return raw.value as T;
  throw ApiError.from(raw.error);
}

/** Any failure as an ApiError, so the UI has one shape to show. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isErrorShape(err)) return ApiError.from(err);
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('unavailable', message);
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      let raw: unknown;
      try {
        raw = await transport.request(method, input);
      } catch (err) {
        throw toApiError(err);
      }
      return unwrap(raw);
    },
    on(event, fn) {
      return transport.subscribe(event, fn as (payload: unknown) => void);
    },
    onConnection: (fn) => transport.onConnection(fn),
    connection: () => transport.connection(),
  };
}
