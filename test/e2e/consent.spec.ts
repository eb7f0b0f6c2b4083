import { expect, shot, test, useServe, signIn } from './fixtures';

const serve = useServe();
const PHONE = '+4916012345670';

test('before consent: the message is held back, sending is refused with the reason, JA unlocks both', async ({ page }) => {
  await page.goto(serve().url);
  await signIn(page);
  await serve().simSend(PHONE, 'Haben Sie noch Schläuche für 28 Zoll?');

  const row = page.locator(`[data-testid="contact-row"][data-phone="${PHONE}"]`);
  await expect(row.getByTestId('waiting-consent')).toBeVisible();
  await expect(row.getByTestId('consent-badge')).toHaveAttribute('data-kind', 'requested');
  await row.click();
  // Staff must not read what was written before consent.
  await expect(page.getByTestId('quarantine-note')).toBeVisible();
  await expect(page.locator('[data-testid="message"]', { hasText: 'Schläuche' })).toHaveCount(0);

  // Without consent the composer is locked up front and says why.
  const input = page.getByTestId('composer-input');
  const problem = page.getByTestId('composer-lock-reason');
  await expect(problem).toContainText('JA');
  await expect(input).toBeDisabled();
  await shot(page, 'consent-pending');

  await serve().simSend(PHONE, 'JA');
  await expect(page.getByTestId('conversation').getByTestId('consent-badge')).toHaveAttribute('data-kind', 'service');
  await expect(page.locator('[data-testid="message"][data-direction="in"]', { hasText: 'Schläuche' })).toBeVisible();
  await expect(input).toBeEnabled();
  await expect(problem).toHaveCount(0);
  await input.fill('Guten Tag!');
  await page.getByTestId('composer-send').click();
  await expect(page.locator('[data-testid="message"][data-direction="out"]', { hasText: 'Guten Tag!' })).toBeVisible();
});
