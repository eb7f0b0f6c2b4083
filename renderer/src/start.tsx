import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

/** Mounts the window into #root (loaded by main.tsx once the heavy libraries have been evaluated). */
export function start(root: HTMLElement): void {
  const app = createRoot(root);
  // As a transition, the first render yields to the browser every few milliseconds
  // instead of holding the page in one long task while the whole window is built.
  startTransition(() =>
    app.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
