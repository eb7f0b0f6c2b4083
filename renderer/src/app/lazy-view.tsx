import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from '../i18n/use-translation';
import { whenIdle } from '../lib/frame';
import { Button, Dialog, Heading, Modal, ModalOverlay } from './aria';
import './lazy-view.css';

/** A view's code (or its stylesheet) could not be fetched: a page left open across an update, a dropped request. */
class ViewLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ViewLoadError';
  }
}

export interface LazyViewOptions {
  /** Stands in while the code loads; by default a small "Lädt …" card over the workspace. */
  fallback?: ReactNode;
  /** Closes the view from the error card; without it the card offers only "try again". */
  onClose?: () => void;
}

/** A view whose code is its own chunk, fetched on first render (or earlier by preload()). */
export type LazyView<P extends object> = ((props: P) => ReactNode) & {
  /** Fetches the code ahead of time; a failure stays silent and the first open tries again. */
  preload(): Promise<void>;
};

/**
 * Chromium keeps a module whose fetch failed in the page's module map: importing
 * the same address again fails at once, without a request. Its error names the
 * address; the next attempt imports the file under a fresh query instead, which
 * is fetched anew (serve mode and the app's protocol serve files by path alone).
 * A failed chunk the view imports in turn stays failed until the window reloads,
 * as the error card says.
 */
export function failedModuleUrl(err: unknown): string | null {
  const url = /dynamically imported module: (\S+)/.exec(err instanceof Error ? err.message : String(err))?.[1];
  return url && /^(https?|app):\/\//.test(url) ? url : null;
}

/**
 * The shell of an on-demand view: React.lazy, a Suspense fallback and an
 * error boundary, so a chunk that cannot be fetched shows an error with
 * "try again" instead of unmounting the window. `load` imports the view's
 * module, `pick` takes the component from it.
 */
export function lazyView<M, P extends object>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>, options: LazyViewOptions = {}): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  /** The module's address after its fetch failed (see failedModuleUrl), and how often it was tried since. */
  let failedUrl: string | null = null;
  let retries = 0;
  const importModule = (): Promise<M> =>
    failedUrl ? (import(/* @vite-ignore */ `${failedUrl}?retry=${++retries}`) as Promise<M>) : load();
  const fetchCode = (): Promise<ComponentType<P>> =>
    (pending ??= reloadFailedStyles()
      .then(importModule)
      .then(
        (module) => (loaded = pick(module)),
        (err: unknown) => {
          // Forgotten, so the next attempt fetches again.
          pending = null;
          failedUrl = failedModuleUrl(err) ?? failedUrl;
          throw new ViewLoadError(err);
        },
      ));
  // React.lazy keeps a rejection for good: each attempt needs a fresh one.
  // A retry may join a fetch begun before it (the idle preload, still offline then):
  // if that one fails, the retry fetches once more on its own.
  const attempt = (retry = false): ComponentType<P> =>
    lazy(() => {
      const code = retry ? fetchCode().catch(() => fetchCode()) : fetchCode();
      return code.then((component) => ({ default: component }));
    }) as unknown as ComponentType<P>;

  function View(props: P) {
    // Chosen once per mount: swapping the lazy wrapper for the loaded component would remount the view and lose what was typed.
    const [Loaded, setLoaded] = useState<ComponentType<P>>(() => loaded ?? attempt());
    return (
      <LoadBoundary onRetry={() => setLoaded(() => attempt(true))} onClose={options.onClose}>
        <Suspense fallback={options.fallback === undefined ? <Loading /> : options.fallback}>
          <Loaded {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  View.preload = (): Promise<void> =>
    fetchCode().then(
      () => undefined,
      () => undefined,
    );
  return View;
}

/**
 * Fetches the views' code one at a time while the browser is idle, so the
 * first click on them opens at once instead of waiting for a chunk.
 */
export function preloadWhenIdle(views: ReadonlyArray<{ preload(): Promise<void> }>): () => void {
  const queue = [...views];
  let cancel: (() => void) | null = null;
  let stopped = false;
  const next = (): void => {
    const view = queue.shift();
    if (!view || stopped) return;
    cancel = whenIdle(() => void view.preload().then(next), 5_000);
  };
  next();
  return () => {
    stopped = true;
    cancel?.();
  };
}

/**
 * Vite adds a chunk's stylesheet once and never again, also when it failed
 * (and Chromium gives a failed link an empty sheet, so it cannot be told
 * afterwards): failures are noted here, and the next fetch of a view's code
 * puts those links back first, so no view opens without its styles.
 */
const failedStyles = new Set<HTMLLinkElement>();
if (typeof document !== 'undefined') {
  document.addEventListener(
    'error',
    (e) => {
      if (e.target instanceof HTMLLinkElement && e.target.rel === 'stylesheet') failedStyles.add(e.target);
    },
    // A link's error event does not bubble.
    true,
  );
}

function reloadFailedStyles(): Promise<unknown> {
  const failed = [...failedStyles];
  failedStyles.clear();
  return Promise.all(
    failed.map(
      (old) =>
        new Promise<void>((resolve, reject) => {
          const link = old.cloneNode() as HTMLLinkElement;
          link.addEventListener('load', () => resolve());
          link.addEventListener('error', () => reject(new Error(`Unable to load ${link.href}`)));
          // Another fetch may have put this link back already: then the fresh one goes in beside it.
          if (old.isConnected) old.replaceWith(link);
          else document.head.append(link);
        }),
    ),
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="view-loading" role="status" data-testid="view-loading">
      {t('app.view.loading')}
    </div>
  );
}

interface BoundaryProps {
  children: ReactNode;
  onRetry: () => void;
  onClose: (() => void) | undefined;
}

class LoadBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // A bug in the view itself is not a failed fetch: it goes on up as before.
    if (!(error instanceof ViewLoadError)) throw error;
    return (
      <LoadFailed
        onRetry={() => {
          this.props.onRetry();
          this.setState({ error: null });
        }}
        onClose={this.props.onClose}
      />
    );
  }
}

/** The error over the window, as the app's other dialogs: react-aria's modal holds focus, Escape closes where closing is possible. */
function LoadFailed({ onRetry, onClose }: { onRetry: () => void; onClose: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <ModalOverlay className="dialog-overlay" isOpen isKeyboardDismissDisabled={!onClose} onOpenChange={(open) => !open && onClose?.()}>
      <Modal className="dialog">
        <Dialog role="alertdialog" className="dialog__body" aria-describedby="view-failed-text" data-testid="view-failed">
          <Heading slot="title" className="dialog__title">
            {t('app.view.failedTitle')}
          </Heading>
          <p id="view-failed-text">{t('app.view.failed')}</p>
          <div className="dialog__actions">
            {onClose && (
              <Button className="btn" data-testid="view-failed-close" onPress={onClose} autoFocus>
                {t('app.view.close')}
              </Button>
            )}
            <Button className="btn btn--primary" data-testid="view-failed-retry" onPress={onRetry} autoFocus={!onClose}>
              {t('app.view.retry')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
