import { expect, shot, test, useServe, signIn } from './fixtures';

const serve = useServe();
const PHONE = '+4917099887766';

test('staff practises with the customer phone panel', async ({ page }) => {
  await page.goto(serve().url);
  await signIn(page);
  await page.getByTestId('sim-toggle').click();
  const panel = page.getByTestId('sim-panel');
  await expect(panel).toBeVisible();

  await panel.getByTestId('sim-phone-input').fill(PHONE);
  await panel.getByTestId('sim-input').fill('Haben Sie den Helm in Größe M?');
  await panel.getByTestId('sim-send').click();
  await expect(panel.getByTestId('sim-input')).toHaveValue('');
  await expect(panel.locator('[data-testid="sim-message"][data-direction="in"]', { hasText: 'Größe M' })).toBeVisible();

  // Confirming consent from the phone releases the question to staff.
  await panel.getByTestId('sim-input').fill('JA');
  await panel.getByTestId('sim-input').press('Enter');

  const row = page.locator(`[data-testid="contact-row"][data-phone="${PHONE}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(
    page.locator('[data-testid="message"][data-direction="in"]', { hasText: 'Haben Sie den Helm in Größe M?' }),
  ).toBeVisible();

  // Staff answers; the panel shows it on the customer's phone, live.
  await page.getByTestId('composer-input').fill('Ja, einer ist noch da.');
  await page.getByTestId('composer-send').click();
  await expect(panel.locator('[data-testid="sim-message"][data-direction="out"]', { hasText: 'einer ist noch da' })).toBeVisible({
    timeout: 15_000,
  });
  await shot(page, 'customer-phone-panel');
});

test('a bad number in the panel shows an error and keeps the text', async ({ page }) => {
  await page.goto(serve().url);
  await page.getByTestId('sim-toggle').click();
  const panel = page.getByTestId('sim-panel');
  await panel.getByTestId('sim-customer-select').selectOption('');
  await panel.getByTestId('sim-phone-input').fill('12');
  await panel.getByTestId('sim-input').fill('Hallo');
  await panel.getByTestId('sim-send').click();
  await expect(panel.getByTestId('sim-error')).toBeVisible();
  await expect(panel.getByTestId('sim-input')).toHaveValue('Hallo');
});
