import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
// Tokens and layout first; each feature's CSS follows with its component.
import './styles.css';
import './dialog.css';
import { App } from './App';
import { initI18n } from './i18n';

async function boot(): Promise<void> {
  await initI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
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

void boot();
