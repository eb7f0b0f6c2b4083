// Tokens and layout first, then the top bar and the shared controls (in this order: equal
// selectors of the controls win over the top bar's); each feature's CSS follows with its component.
import './styles.css';
import './topbar.css';
import './controls.css';
import './dialog.css';

/**
 * A fresh task: the browser may paint and take input between the start's
 * steps. A message rather than a timer: the window is created hidden, and a
 * hidden page's timers may wait up to a second each.
 */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * The libraries the window needs at once, each a chunk of its own that is
 * evaluated here in a task of its own; the app's imports then find them
 * ready. Evaluated together with the app, they made one task of 60–110 ms.
 */
const LIBRARIES: ReadonlyArray<() => Promise<unknown>> = [
  () => import('react-dom/client'),
  // Only what the window uses (the package as a whole is four times as large).
  () => import('./app/aria'),
  // libphonenumber's metadata.
  () => import('@contract/phone'),
  () => import('@tanstack/react-virtual'),
  // Its first search builds the scanner (the list of top-level domains, about 10 ms): here, not in the first chat opened.
  () => import('linkifyjs').then(({ find }) => find('tresen.de')),
];

async function boot(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  // ICU loads its locale data on first use (16–26 ms for the first call in a fresh page): the
  // calls react-aria makes while its module is evaluated (default locale, text direction), here first.
  // (The result is used, so the minifier cannot drop the call as side-effect free.)
  const [locale = 'en-US'] = Intl.DateTimeFormat.supportedLocalesOf([navigator.language]);
  await nextTask();
  new Intl.Locale(locale).maximize();
  for (const load of LIBRARIES) {
    await nextTask();
    await load();
  }
  await nextTask();
  const { initI18n } = await import('./i18n');
  await initI18n();
  await nextTask();
  const { start } = await import('./start');
  start(root);
}

void boot();
