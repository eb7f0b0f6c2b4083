import { expect, forbidDialogs, shot, test, useServe } from './fixtures';

const serve = useServe();
const PHONE = '+4915255501234';
const SCRIPT = '<img src=x onerror=alert(1)>';

test('markup in a message body and in a name is shown as text and never runs', async ({ page }) => {
  const dialogs = forbidDialogs(page);
  await page.goto(serve().url);
  await serve().simSend(PHONE, SCRIPT);
  await serve().simSend(PHONE, 'JA');

  const row = page.locator(`[data-testid="contact-row"][data-phone="${PHONE}"]`);
  await row.click();
  const message = page.locator('[data-testid="message"]', { hasText: SCRIPT });
  await expect(message).toBeVisible();
  await expect(message.locator('img')).toHaveCount(0);

  // Staff names the contact with the same markup.
  await page.getByTestId('rename-start').click();
  await page.getByTestId('rename-input').fill(SCRIPT);
  await page.getByTestId('rename-save').click();
  await expect(page.getByTestId('conversation-name')).toHaveText(SCRIPT);
  await expect(row).toContainText(SCRIPT);

  await expect(page.locator('main img, nav img, [data-testid="conversation"] img')).toHaveCount(0);
  await shot(page, 'markup-as-text');
  expect(dialogs).toEqual([]);
});
