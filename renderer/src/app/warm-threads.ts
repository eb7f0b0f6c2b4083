import type { InboxItem } from '@contract';
import { toApiError } from '../api/client';
import { whenIdle } from '../lib/frame';
import { useInbox } from '../features/inbox/inbox-store';
import { useMessages } from '../store/messages';

/**
 * The chats waiting for an answer open without a round trip: the newest page
 * of each is fetched ahead while the window is idle, one at a time, so
 * clicking through the queue at the counter draws each chat with its
 * messages at once instead of an empty pane that fills after the answer.
 *
 * Only the first WARM_LIMIT waiting rows of the list shown, in its order
 * (the counter's queue, oldest wait first by default). A fetched chat stays
 * current through the message events like any opened one, opening it still
 * asks for its newest page (once it is drawn, see controller.openContact),
 * and a reconnect forgets all of them (they are fetched again): a chat
 * fetched ahead is never the last word.
 */
export const WARM_LIMIT = 50;
/** A chat whose fetch failed is left alone this long (the line is down, say), then tried again. */
export const WARM_RETRY_MS = 30_000;

type Row = Pick<InboxItem, 'id' | 'waitingSince'>;

export interface WarmDeps {
  /** The rows of the list shown, in its order. */
  rows(): readonly Row[];
  /** Calls `fn` whenever the rows or the loaded chats may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void;
  isLoaded(contactId: number): boolean;
  /** Fetches the chat's newest page into the message store. */
  load(contactId: number): Promise<void>;
  /** Runs `fn` once the window is idle; returns a cancel. */
  whenIdle(fn: () => void): () => void;
  now(): number;
}

/** The first of the first `limit` waiting rows that is neither loaded nor failed lately; null when none. */
export function nextToWarm(rows: readonly Row[], isLoaded: (id: number) => boolean, failedAt: ReadonlyMap<number, number>, now: number, limit = WARM_LIMIT): number | null {
  let waiting = 0;
  for (const row of rows) {
    if (row.waitingSince === null) continue;
    if (++waiting > limit) return null;
    const failed = failedAt.get(row.id);
    if (!isLoaded(row.id) && (failed === undefined || now - failed >= WARM_RETRY_MS)) return row.id;
  }
  return null;
}

/** Keeps the waiting chats fetched ahead until the returned stop is called. */
export function startWarming(deps: WarmDeps): () => void {
  let stopped = false;
  let cancelIdle: (() => void) | null = null;
  let fetching = false;
  const failedAt = new Map<number, number>();
  const pick = (): number | null => nextToWarm(deps.rows(), (id) => deps.isLoaded(id), failedAt, deps.now());

  const step = (): void => {
    if (stopped || fetching || cancelIdle || pick() === null) return;
    cancelIdle = deps.whenIdle(() => {
      cancelIdle = null;
      // Chosen again: the queue may have moved on (or staff opened the chat) while the window was busy.
      const contactId = pick();
      if (stopped || contactId === null) return;
      fetching = true;
      deps
        .load(contactId)
        .then(
          () => failedAt.delete(contactId),
          (err: unknown) => {
            failedAt.set(contactId, deps.now());
            console.warn('fetching a chat ahead failed', toApiError(err).code);
          },
        )
        .finally(() => {
          fetching = false;
          step();
        });
    });
  };

  const off = deps.onChange(step);
  step();
  return () => {
    stopped = true;
    off();
    cancelIdle?.();
  };
}

/** The warming wired to the app's stores; `load` is the controller's prefetch. Started once the inbox shows its rows. */
export function warmWaitingThreads(load: (contactId: number) => Promise<void>): () => void {
  return startWarming({
    rows: () => useInbox.getState().items,
    onChange: (fn) => {
      const offInbox = useInbox.subscribe((s, prev) => {
        if (s.items !== prev.items) fn();
      });
      const offMessages = useMessages.subscribe((s, prev) => {
        if (s.byContact !== prev.byContact) fn();
      });
      return () => {
        offInbox();
        offMessages();
      };
    },
    isLoaded: (id) => useMessages.getState().byContact[id] !== undefined,
    load,
    whenIdle: (fn) => whenIdle(fn, 2_000),
    now: () => Date.now(),
  });
}
