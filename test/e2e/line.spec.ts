import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, forbidDialogs, fromMoreMenu, openSettingsAsManager, shot, test, useServe } from './fixtures';

// A configured browser that does not exist: the WhatsApp line fails to start
// with a clear message, and nothing ever reaches out to the network.
const serve = useServe({
  demo: false,
  files: { 'line.json': JSON.stringify({ mode: 'whatsapp', browserPath: '/nonexistent/chrome' }) },
});

const lineMode = () => (JSON.parse(readFileSync(join(serve().dataDir, 'line.json'), 'utf8')) as { mode: string }).mode;

test('WhatsApp line: linking screen explains a missing browser, staff switch to the demo and back', async ({ page }) => {
  forbidDialogs(page);
  await page.goto(serve().url);
  const link = page.getByTestId('wa-link');
  await expect(link).toBeVisible();
  await expect(page.getByTestId('wa-status').first()).toHaveAttribute('data-state', 'failed');
  await expect(link).toContainText('/nonexistent/chrome');
  await shot(page, 'whatsapp-link-failed');

  await link.getByRole('button', { name: /Demo/ }).click();
  await expect(page.getByTestId('demo-marker')).toBeVisible();
  await fromMoreMenu(page, 'connect-whatsapp');
  expect(lineMode()).toBe('demo');
  await shot(page, 'demo-offers-linking');
  await page.keyboard.press('Escape');

  await openSettingsAsManager(page);
  const section = page.getByTestId('settings-line');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('line-mode')).toHaveAttribute('data-mode', 'demo');
  await shot(page, 'settings-line');
  await page.getByTestId('settings-close').click();

  await (await fromMoreMenu(page, 'connect-whatsapp')).click();
  await expect(page.getByTestId('wa-link')).toBeVisible();
  expect(lineMode()).toBe('whatsapp');
});
