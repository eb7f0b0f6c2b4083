/** A hidden window runs no animation frames; work queued for the next frame still runs after this long. */
const HIDDEN_FALLBACK_MS = 250;

/**
 * Runs `fn` once, at the next animation frame (or, where frames do not run —
 * a hidden window, tests without a DOM — soon after). Lets a burst of events
 * become one store update and one render per frame.
 */
export function nextFrame(fn: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(run);
    setTimeout(run, HIDDEN_FALLBACK_MS);
  } else {
    setTimeout(run, 0);
  }
}

/**
 * Runs `fn` once the window is idle, at the latest after `timeoutMs` (which
 * only matters in a window that never idles: the counter's own work comes
 * first). Returns a cancel.
 */
export function whenIdle(fn: () => void, timeoutMs: number): () => void {
  const handle = requestIdleCallback(() => fn(), { timeout: timeoutMs });
  return () => cancelIdleCallback(handle);
}
