import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, shot, test, useServe } from './fixtures';

const serve = useServe();

/** No critical or serious axe findings on the screen as it is now (or in one part of it). */
async function axe(page: Page, label: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(
    bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').slice(0, 160)}]`).join(', ')}`),
    label,
  ).toEqual([]);
}

test.use({ viewport: { width: 1280, height: 720 } });
// axe and the serve process share two busy cores.
test.setTimeout(300_000);

test.beforeAll(async () => {
  // A customer with consent, so the inbox behind the settings is not empty.
  await serve().simSend('+4915112345678', 'Hallo');
  await serve().simSend('+4915112345678', 'JA');
});

test('staff cannot open the keys without the manager PIN; a manager creates a key and sees it once; the lock screen', async ({ page }) => {
  await page.goto(serve().url);
  // A fresh install is unclaimed: the owner sets the PIN first.
  await page.getByTestId('settings-open').click();
  await expect(page.getByTestId('unclaimed-banner')).toContainText('Inhaber');
  await page.getByTestId('settings-close').click();
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-repeat').fill('2468');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');

  // The owner adds a staff profile without a PIN.
  await page.getByTestId('settings-open').click();
  const profiles = page.getByTestId('settings-profiles');
  await profiles.getByTestId('profile-add').click();
  await profiles.getByTestId('profile-name').fill('Mia');
  await profiles.getByTestId('profile-save').click();
  await expect(profiles.getByTestId('profile-item').filter({ hasText: 'Mia' })).toBeVisible();
  await page.getByTestId('settings-close').click();

  // Mia at the counter: the settings show only her own sections and ask for the manager PIN.
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Mia/ }).click();
  await expect(page.getByTestId('profile-current')).toHaveText('Mia');
  await page.getByTestId('settings-open').click();
  const gate = page.getByTestId('manager-gate');
  await expect(gate).toBeVisible();
  await expect(page.getByTestId('settings-localApi')).toHaveCount(0);
  await expect(page.getByTestId('settings-shop')).toHaveCount(0);
  await expect(page.getByTestId('settings-display')).toBeVisible();
  await gate.getByTestId('unlock-pin').fill('1111');
  await gate.getByTestId('unlock-submit').click();
  await expect(gate.getByTestId('unlock-error')).toHaveText('Falsche PIN.');
  await expect(page.getByTestId('settings-localApi')).toHaveCount(0);
  await shot(page, 'roles-manager-gate');
  await axe(page, 'manager gate');

  await gate.getByTestId('unlock-pin').fill('2468');
  await gate.getByTestId('unlock-submit').click();
  const keys = page.getByTestId('settings-localApi');
  await expect(keys).toBeVisible();
  await expect(page.getByTestId('manager-banner')).toContainText('Inhaber');
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');

  // A key: shown once, with a copy button.
  await keys.getByTestId('key-name').fill('Warenwirtschaft');
  await keys.getByTestId('key-create').click();
  const plain = keys.getByTestId('key-plain');
  await expect(plain).toHaveText(/^tresen_[A-Za-z0-9_-]{40,}$/);
  const key = (await plain.textContent())!;
  await expect(keys.getByTestId('key-copy')).toBeVisible();
  await expect(keys.getByTestId('key-item').filter({ hasText: 'Warenwirtschaft' })).toContainText('Noch nie benutzt');
  await keys.scrollIntoViewIfNeeded();
  await shot(page, 'roles-keys-section');
  await axe(page, 'keys section', '[data-testid="settings-localApi"]');

  // The key works on the local API (integration: staff work yes, key management no).
  const auth = { Authorization: `Bearer ${key}` };
  expect((await fetch(`${serve().origin}/api/v1/conversations`, { headers: auth })).status).toBe(200);
  expect((await fetch(`${serve().origin}/api/v1/keys`, { headers: auth })).status).toBe(403);

  await keys.getByTestId('key-done').click();
  await expect(keys.getByTestId('key-plain')).toHaveCount(0);
  // Never shown again: not on the page, not after a reload of the list.
  expect(await page.content()).not.toContain(key);
  await expect(keys.getByTestId('key-item').filter({ hasText: 'Warenwirtschaft' })).toContainText(key.slice(0, 13));

  // The access log shows the key's creation.
  await page.getByTestId('settings').getByRole('button', { name: 'Zugriffsprotokoll' }).click();
  await expect(page.getByTestId('access-log-row').filter({ hasText: 'keys.create' })).toContainText('Inhaber');

  // Lock: manager rights end, the screen is blurred; Mia (no PIN) continues.
  await page.getByTestId('manager-lock').click();
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible();
  await shot(page, 'roles-lock-overlay');
  await axe(page, 'lock overlay', '[data-testid="lock-overlay"]');
  await overlay.getByTestId('unlock-profile').filter({ hasText: 'Mia' }).click();
  await overlay.getByTestId('unlock-submit').click();
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('profile-current')).toHaveText('Mia');
  await expect(page.getByTestId('manager-gate')).toBeVisible();
  await expect(page.getByTestId('settings-localApi')).toHaveCount(0);
});
