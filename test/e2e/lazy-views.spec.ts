import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EAGER_COMPILE } from '../../scripts/compile-hints';
import { expect, fromMoreMenu, noSeriousViolations, test, useServe } from './fixtures';

/**
 * The views the counter opens on demand (settings, cases, manager view, …)
 * come in chunks of their own (renderer/src/app/views.tsx): the window
 * evaluates only the counter's code at the start.
 */
const serve = useServe();
const RENDERER = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'dist', 'renderer');

/** The built script index.html starts the window with. */
function entryChunk(): string {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*\bsrc="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('no relative module script in dist/renderer/index.html');
  return readFileSync(join(RENDERER, src), 'utf8');
}

/** The chunks the entry loads, step by step, at the start (see renderer/src/main.tsx). */
function startChunks(entry: string): string[] {
  const names = [...new Set([...entry.matchAll(/"\.\/([\w-]+\.js)"/g)].map((m) => m[1]!))];
  return names.map((name) => readFileSync(join(RENDERER, 'assets', name), 'utf8'));
}

test('the start loads the counter in steps; settings and the manager view load when opened, styles included, under the CSP', async ({ page }) => {
  const entry = entryChunk();
  // The entry itself only starts the steps: no library is evaluated with it.
  expect(entry).not.toMatch(/(^|[;}\n])\s*import\s*[{*\w$]/);
  expect(entry.length).toBeLessThan(10_000);
  const start = [entry, ...startChunks(entry)].join('\n');
  expect(start).toContain('contact-search');
  // Test ids that only SettingsView.tsx and ManagerView.tsx carry.
  expect(start).not.toContain('settings-close');
  expect(start).not.toContain('manager-close');
  // Chunk addresses stay relative: the same build loads from app:// in Electron.
  expect(start).toMatch(/"\.\/SettingsView-[\w-]+\.js"/);
  expect(start).not.toMatch(/["'`]\/assets\//);
  // The start's code is compiled as it loads (scripts/compile-hints.ts); a view's only when it is opened.
  for (const code of [entry, ...startChunks(entry)]) expect(code.split('\n', 1)[0]).toBe(EAGER_COMPILE);
  const settingsChunk = readdirSync(join(RENDERER, 'assets')).find((f) => /^SettingsView-[\w-]+\.js$/.test(f));
  expect(readFileSync(join(RENDERER, 'assets', settingsChunk!), 'utf8')).not.toContain(EAGER_COMPILE);

  const scripts: string[] = [];
  const styles: string[] = [];
  const blocked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.resourceType() === 'script') scripts.push(path);
    if (r.resourceType() === 'stylesheet') styles.push(path);
  });
  page.on('console', (m) => {
    // Anything the CSP refuses: a chunk's file, or an inline style (react-aria's own is kept out, see index.html).
    if (/Refused to|violates the following Content Security Policy/.test(m.text())) blocked.push(m.text());
  });
  await page.goto(serve().url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  // react-aria's touch rule comes from styles.css instead of its refused inline style
  // (Chromium names "pan-x pan-y pinch-zoom" manipulation; without the rule it is auto).
  await expect(page.locator('[data-react-aria-pressable]').first()).toHaveCSS('touch-action', 'manipulation');

  await page.getByTestId('settings-open').click();
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  expect(scripts.some((p) => /\/assets\/SettingsView-[\w-]+\.js$/.test(p))).toBe(true);
  expect(styles.some((p) => /\/assets\/settings-[\w-]+\.css$/.test(p))).toBe(true);
  // settings.css came with it: the view covers the window.
  await expect(settings).toHaveCSS('position', 'fixed');
  await settings.getByTestId('settings-close').click();
  await expect(settings).toHaveCount(0);

  await (await fromMoreMenu(page, 'manager-open')).click();
  await expect(page.getByTestId('manager')).toBeVisible();
  expect(scripts.some((p) => /\/assets\/ManagerView-[\w-]+\.js$/.test(p))).toBe(true);
  // The manager's wider sections hold against settings.css, a stylesheet of its own that may load in either order.
  const section = page.getByTestId('manager-panel-contacts').locator('.manager-section');
  await expect(section).toHaveCSS('width', '1180px');
  await page.getByTestId('manager-close').click();
  expect(blocked).toEqual([]);
});

test('while a view loads, a calm "Lädt …" stands in over the workspace', async ({ page }) => {
  let letGo!: () => void;
  const held = new Promise<void>((r) => (letGo = r));
  await page.route(/\/assets\/CasesView-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(serve().url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  const sidebar = page.locator('.sidebar');
  const before = await sidebar.boundingBox();

  await page.getByTestId('cases-open').click();
  const loading = page.getByTestId('view-loading');
  await expect(loading).toHaveText('Lädt …');
  await expect(loading).toHaveAttribute('role', 'status');
  // Faded in only after a moment, so a quick load shows nothing at all.
  await expect.poll(() => loading.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  expect(await sidebar.boundingBox()).toEqual(before);
  await noSeriousViolations(page, '[data-testid="view-loading"]');

  letGo();
  await expect(page.getByTestId('cases-view')).toBeVisible();
  await expect(loading).toHaveCount(0);
});

test('a view whose code cannot be fetched says so, the window stays, and "Erneut versuchen" opens it', async ({ page }) => {
  let offline = true;
  // The settings' script and both of its stylesheets, as after an update under a running window.
  await page.route(/\/assets\/(SettingsView-[\w-]+\.(js|css)|settings-[\w-]+\.css)$/, (route) => (offline ? route.abort() : route.continue()));
  await page.goto(serve().url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  const open = page.getByTestId('settings-open');
  await open.click();
  const failed = page.getByRole('alertdialog');
  await expect(failed).toBeVisible();
  await expect(failed).toHaveAttribute('data-testid', 'view-failed');
  await expect(failed).toContainText('konnte nicht geladen werden');
  await expect(failed.getByTestId('view-failed-close')).toBeFocused();
  await expect(page.getByTestId('topbar')).toBeVisible();
  await noSeriousViolations(page, '[data-testid="view-failed"]');

  // Close: back at the counter, focus on the button that opened it.
  await failed.getByTestId('view-failed-close').click();
  await expect(failed).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  // Still offline: the error again, and Escape closes it too.
  await open.click();
  await expect(failed).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(failed).toHaveCount(0);

  // Back online: a retry fetches the code and the styles anew.
  await open.click();
  await expect(failed).toBeVisible();
  offline = false;
  await failed.getByTestId('view-failed-retry').click();
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  await expect(settings).toHaveCSS('position', 'fixed');
  await expect(failed).toHaveCount(0);
});
