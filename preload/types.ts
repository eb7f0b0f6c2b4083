import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '@contract';
import type { Envelope } from '@contract/errors';

/**
 * The shape of window.tresen, as preload exposes it. Type-only (no electron
 * import), so the renderer can import it.
 *
 * Each call resolves with the raw Envelope and never rejects for an API error:
 * Error subclasses lose their class and fields crossing contextBridge, so the
 * renderer's client unwraps the envelope into an ApiError itself.
 */
type Namespace<M extends string> = M extends `${infer NS}.${string}` ? NS : never;
type Fn<M extends string> = M extends `${string}.${infer F}` ? F : never;

export type TresenBridge = {
  [NS in Namespace<MethodName>]: {
    [M in MethodName as Namespace<M> extends NS ? Fn<M> : never]: (input: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>;
  };
} & {
  /** Listen to one event of the contract; returns the function that stops listening. */
  on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void): () => void;
};

declare global {
  interface Window {
    /** Present in the Electron window only; serve mode talks WebSocket instead. */
    tresen?: TresenBridge;
  }
}
