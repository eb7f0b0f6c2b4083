import { readFileSync } from 'node:fs';
import { expect, forbidDialogs, shot, test, useServe } from './fixtures';

/** Staff start links: a customer writes the prefilled text from an employee's card and lands, after JA, in that employee's chats. */
const serve = useServe();
test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(300_000);

const CUSTOMER = '+4915155501234';

test('a staff card: START plus the code, the opt-in as for anyone, then the conversation is Lena’s', async ({ page }) => {
  forbidDialogs(page);
  await page.goto(serve().url);
  // The owner (PIN set on first use) adds Lena.
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-repeat').fill('2468');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');
  await page.getByTestId('settings-open').click();
  const profiles = page.getByTestId('settings-profiles');
  await profiles.getByTestId('profile-add').click();
  await profiles.getByTestId('profile-name').fill('Lena');
  await profiles.getByTestId('profile-pin').fill('1357');
  await profiles.getByTestId('profile-save').click();
  await expect(profiles.getByTestId('profile-item').filter({ hasText: 'Lena' })).toBeVisible();
  await page.getByTestId('settings-close').click();

  // Her start link, card and forwarding text.
  await page.getByTestId('settings-open').click();
  const section = page.getByTestId('settings-staff-links');
  await section.scrollIntoViewIfNeeded();
  const lena = section.locator('.staff-links__row').filter({ hasText: 'Lena' });
  await lena.getByRole('button', { name: 'Startlink zeigen' }).click();
  const text = (await section.getByTestId('staff-link-text').textContent())!;
  expect(text).toMatch(/^START [A-Z][2-9][A-Z]$/);
  await expect(section.getByTestId('staff-link-url')).toHaveText(`https://wa.me/49301234567?text=${encodeURIComponent(text)}`);
  await expect(section.getByTestId('staff-link-share')).toHaveValue(/eigene WhatsApp-Nummer/);
  await shot(page, 'staff-start-link');
  const download = page.waitForEvent('download');
  await lena.getByRole('button', { name: 'Karte drucken (PDF)' }).click();
  const file = await (await download).path();
  expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByTestId('settings-close').click();

  // The customer sends the prefilled text, gets the consent request, says JA.
  await serve().simSend(CUSTOMER, text);
  await expect.poll(async () => (await serve().simPhone(CUSTOMER)).filter((m) => m.direction === 'out').length).toBe(1);
  expect((await serve().simPhone(CUSTOMER))[1]!.text).toContain('JA');
  await serve().simSend(CUSTOMER, 'JA');

  // Lena's "Meine" view holds the conversation.
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Lena/ }).click();
  await page.getByTestId('pin-input').fill('1357');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Lena');
  await expect(page.getByTestId('count-mine')).toHaveText('1');
  await page.getByTestId('view-mine').click();
  const row = page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('assignee-dot')).toHaveAttribute('aria-label', 'Zugewiesen an Lena');
  await shot(page, 'staff-start-link-mine');
});
