import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, shot, signIn, test, useServe } from './fixtures';

/**
 * Serve mode restarted under an open page (an update, a crash, the PC's
 * service manager): the page comes back by itself on the same address and
 * token; when the server was started with a new token, it says so once and
 * clearly instead of trying forever.
 */
const serve = useServe();
const CUSTOMER = '+4915177003344';

test.describe.configure({ mode: 'serial' });

async function openChat(page: Page): Promise<void> {
  await page.goto(serve().url);
  await signIn(page);
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  await expect(page.getByTestId('composer-input')).toBeVisible();
}

const outgoing = (page: Page, text: string) =>
  page.getByTestId('conversation').locator('[data-testid="message"][data-direction="out"]', { hasText: text });

test('after a restart the page reconnects and sends, without a reload and without a new token', async ({ page }) => {
  await serve().simSend(CUSTOMER, 'Ist mein Rad schon fertig?');
  await serve().simSend(CUSTOMER, 'JA');
  await openChat(page);
  const { token, origin } = serve();
  // Set on this page only: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await serve().restart([], async () => {
    // While the server is away, status bar, banner and composer tell the same story.
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'app-offline');
    await page.getByTestId('composer-input').fill('Ja, ab 14 Uhr.');
    await page.getByTestId('composer-send').click();
    await expect(page.getByTestId('composer-queued')).toBeVisible();
    await shot(page, 'reconnect-outage-queued');
  });
  expect(serve().token).toBe(token);
  expect(serve().origin).toBe(origin);

  // Back: the queued message went out (its real outcome), the banner is gone, the line is green.
  await expect(outgoing(page, 'Ja, ab 14 Uhr.')).toBeVisible();
  await expect(page.getByTestId('composer-queued')).toHaveCount(0);
  await expect(page.getByTestId('composer-input')).toHaveValue('');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'connected');
  // The tab is still the owner's: the next message goes out at once.
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');
  await page.getByTestId('composer-input').fill('Bis später!');
  await page.getByTestId('composer-send').click();
  await expect(outgoing(page, 'Bis später!')).toBeVisible();
  await expect
    .poll(async () => (await serve().simPhone(CUSTOMER)).filter((m) => m.direction === 'out').map((m) => m.text))
    .toEqual(expect.arrayContaining(['Ja, ab 14 Uhr.', 'Bis später!']));
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // A reload after the restart opens too (the page cookie follows the token).
  await page.reload();
  await expect(page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`)).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});

test('after a restart with a new token the page tells staff to open the new address and stops trying', async ({ page }) => {
  await openChat(page);
  const oldToken = serve().token;
  await serve().restart(['--new-token'], async () => {
    await expect(page.getByTestId('connection-banner')).toBeVisible();
  });
  expect(serve().token).not.toBe(oldToken);

  const gone = page.getByTestId('connection-gone');
  await expect(gone).toHaveAttribute('data-state', 'refused');
  await expect(gone).toContainText('neuen Zugangsschlüssel');
  await expect(gone).toContainText('Tresen ready at');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'app-offline');
  // A send now fails at once and keeps the text, instead of waiting for a connection that will not come.
  await page.getByTestId('composer-input').fill('Noch da?');
  await page.getByTestId('composer-send').click();
  await expect(page.getByTestId('composer-error')).toContainText('bitte die neue Adresse öffnen');
  await expect(page.getByTestId('composer-queued')).toHaveCount(0);
  await expect(page.getByTestId('composer-input')).toHaveValue('Noch da?');
  await shot(page, 'reconnect-new-token');
  const result = await new AxeBuilder({ page }).include('[data-testid="connection-gone"]').analyze();
  expect(result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);

  // The new address printed by the server works.
  await page.goto(serve().url);
  await expect(page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`)).toBeVisible();
  await expect(page.getByTestId('connection-gone')).toHaveCount(0);
});
