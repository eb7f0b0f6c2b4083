import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, shot, test, useServe } from './fixtures';

const serve = useServe();
const PHONE = '+4916012349901';

async function noSeriousViolations(page: Page, selector: string) {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function asOwner(page: Page) {
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  const pin = page.getByTestId('pin-dialog');
  await pin.getByTestId('pin-input').fill('2468');
  // The first time the owner sets the PIN (repeat it); later it is only asked.
  if (await pin.getByTestId('pin-repeat').isVisible()) await pin.getByTestId('pin-repeat').fill('2468');
  await pin.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');
}

test('a manager erases a contact (Art. 17): the confirmation says what goes, legal hold blocks it, then the contact and the phone chat are gone', async ({ page }) => {
  await page.goto(serve().url);
  await serve().simSend(PHONE, 'START');
  await serve().simSend(PHONE, 'JA');
  await serve().simSend(PHONE, 'Mein Rad hat einen Platten');
  await asOwner(page);
  const row = page.locator(`[data-testid="contact-row"][data-phone="${PHONE}"]`);
  await row.click();
  await page.getByTestId('consent-history-open').click();
  const actions = page.getByTestId('compliance-actions');
  await expect(actions.getByTestId('compliance-export')).toHaveText('Daten exportieren (Art. 15)');

  // Legal hold first: erasing is not offered while it holds.
  await actions.getByTestId('legal-hold-reason').fill('Gewährleistungsstreit');
  await actions.getByTestId('legal-hold-toggle').click();
  await expect(actions.getByTestId('legal-hold-state')).toContainText('Gewährleistungsstreit');
  await expect(actions.getByTestId('compliance-erase-open')).toBeDisabled();
  await actions.getByTestId('legal-hold-toggle').click();
  await expect(actions.getByTestId('compliance-erase-open')).toBeEnabled();

  await actions.getByTestId('compliance-erase-open').click();
  const dialog = page.getByTestId('erase-dialog');
  await expect(dialog).toContainText('alle Nachrichten in beide Richtungen');
  await expect(dialog).toContainText('der Chat auf dem verbundenen WhatsApp-Telefon');
  await expect(dialog).toContainText('nicht rückgängig');
  await shot(page, 'compliance-erase-confirm');
  await noSeriousViolations(page, '[data-testid="erase-dialog"]');
  await dialog.getByTestId('erase-confirm').click();
  const done = page.getByTestId('erase-done');
  await expect(done.getByTestId('erase-chat')).toHaveAttribute('data-deleted', 'true');
  await shot(page, 'compliance-erase-done');
  await done.getByTestId('erase-close').click();
  await expect(row).toHaveCount(0);
  await expect.poll(async () => (await serve().simPhone(PHONE)).length).toBe(0);
});

test('settings › Aufbewahrung: periods explained, the dry run lists what would go; axe finds nothing serious', async ({ page }) => {
  await page.goto(serve().url);
  await serve().simSend('+4916012349902', 'Hallo?');
  await asOwner(page);
  await page.getByTestId('settings-open').click();
  const section = page.getByTestId('settings-retention');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('retention-chatContentDays')).toHaveValue('365');
  await expect(section).toContainText('regelmäßige Verjährungsfrist');
  await section.getByTestId('retention-pendingContactsDays').fill('0');
  await section.getByTestId('retention-save').click();
  await expect(section.getByRole('status')).toBeVisible();
  await section.getByTestId('retention-preview').click();
  await expect(section.getByTestId('retention-group-pending_contacts')).toContainText('Abgeschaltet');
  await expect(section.getByTestId('retention-preview-result')).toContainText('es wurde nichts gelöscht');
  await section.getByTestId('retention-preview-result').scrollIntoViewIfNeeded();
  await shot(page, 'compliance-retention');
  await noSeriousViolations(page, '[data-testid="settings-retention"]');
});
