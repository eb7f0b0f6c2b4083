import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, forbidDialogs, shot, test, useServe } from './fixtures';

/**
 * Linking WhatsApp from the wizard fails (the configured browser does not
 * exist: nothing reaches the network); the way back returns to the wizard
 * on the demo with everything saved so far.
 */
const serve = useServe({
  demo: false,
  freshSetup: true,
  files: { 'line.json': JSON.stringify({ mode: 'demo', browserPath: '/nonexistent/chrome' }) },
});
test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(300_000);

const lineMode = () => (JSON.parse(readFileSync(join(serve().dataDir, 'line.json'), 'utf8')) as { mode: string }).mode;

async function upToLine(page: Page): Promise<void> {
  const wizard = page.getByTestId('setup-wizard');
  await page.getByTestId('setup-shop-name').fill('Radhaus Lindner');
  await page.getByTestId('setup-shop-phone').fill('030 1234567');
  await page.getByTestId('setup-shop-address').fill('Hauptstr. 5, 10115 Berlin');
  await page.getByTestId('setup-shop-privacyUrl').fill('https://radhaus.example/datenschutz');
  await page.getByTestId('setup-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'hours');
  await page.getByTestId('setup-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'manager');
  await page.getByTestId('setup-manager-name').fill('Jana Lindner');
  await page.getByTestId('setup-manager-pin').fill('4711');
  await page.getByTestId('setup-manager-pin2').fill('4711');
  await page.getByTestId('setup-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'consent');
  await page.getByTestId('setup-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'line');
}

test('a failed WhatsApp link offers the way back, and back is the wizard on the demo', async ({ page }) => {
  forbidDialogs(page);
  await page.goto(serve().url);
  await upToLine(page);
  // Each switch of the line reloads the page (line.switched): what follows looks at the new page, not at the
  // old one in its last moments (a screenshot taken while the reload replaced it waited for a frame for good).
  const reload = () => page.waitForEvent('load', { timeout: 60_000 });
  let reloaded = reload();
  await page.getByTestId('setup-line-link').click();
  await reloaded;

  // The app switched to the WhatsApp line, which cannot start: the wizard says so and offers the demo.
  await expect(page.getByTestId('wa-link')).toBeVisible();
  await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'line');
  await expect(page.getByTestId('setup-line-trouble')).toBeVisible();
  await expect(page.getByTestId('wa-link')).toContainText('/nonexistent/chrome');
  await expect.poll(lineMode).toBe('whatsapp');
  await shot(page, 'setup-line-link-failed');

  // Back on the demo, in the wizard, at the next step; nothing saved before was lost or asked again.
  reloaded = reload();
  await page.getByTestId('setup-line-back').click();
  await reloaded;
  await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'poster');
  await expect(page.getByTestId('setup-step-shop')).toHaveCount(0);
  await expect.poll(lineMode).toBe('demo');
  await shot(page, 'setup-line-back-on-demo');
});
