import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, fromMoreMenu, openSettingsAsManager, shot, test, useServe } from './fixtures';

const serve = useServe();
const SUB = '+4916012340001';
const SERVICE_ONLY = '+4916012340002';

async function noSeriousViolations(page: Page, selector: string) {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('bot settings: rules, holidays (in the shop profile) and the away message; an empty prefix is refused', async ({ page }) => {
  await page.goto(serve().url);
  await openSettingsAsManager(page);
  const section = page.getByTestId('settings-bot');
  await section.scrollIntoViewIfNeeded();
  const prefix = page.getByTestId('bot-prefix-de');
  await expect(prefix).toHaveValue('🤖 Automatische Antwort:');
  await expect(page.getByTestId('bot-rules').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('settings-hours')).toBeVisible();
  await expect(page.getByTestId('settings-away')).toBeVisible();

  await prefix.fill('');
  await page.getByTestId('bot-save').click();
  await expect(page.getByTestId('bot-status')).toHaveAttribute('data-state', 'failed');
  await prefix.fill('🤖 Automatische Antwort von Fahrrad Müller:');
  // Off until the shop switches it on.
  await expect(page.getByTestId('bot-enabled')).not.toBeChecked();
  await page.getByTestId('bot-enabled').check();
  await page.getByTestId('bot-save').click();
  await expect(page.getByTestId('bot-status')).toHaveAttribute('data-state', 'saved');

  await page.getByTestId('bot-add-day').click();
  const day = page.getByTestId('bot-days').locator('li').last();
  await day.locator('input[type="date"]').fill('2026-12-24');
  await day.locator('input').nth(1).fill('09:00-12:00');
  await day.locator('input').nth(2).fill('Heiligabend');
  await page.getByTestId('bot-hours-save').click();
  await expect(page.getByTestId('bot-hours-status')).toHaveAttribute('data-state', 'saved');
  // Holidays belong to the shop profile: their section follows it, and they come back from it when the screen reopens.
  await expect(page.locator('[data-testid="settings-shop"] + [data-testid="settings-hours"]')).toHaveCount(1);
  await page.getByTestId('settings-close').click();
  await openSettingsAsManager(page);
  await expect(page.getByTestId('bot-days').locator('input[type="date"]').last()).toHaveValue('2026-12-24');
  await expect(page.getByTestId('bot-days').locator('li').last().locator('input').nth(2)).toHaveValue('Heiligabend');

  await section.scrollIntoViewIfNeeded();
  await shot(page, 'bot-settings');
  for (const s of ['settings-bot', 'settings-hours', 'settings-away']) await noSeriousViolations(page, `[data-testid="${s}"]`);

  // The edited prefix is what the customer reads; the bubble is marked as the bot's.
  await serve().simSend(SUB, 'START');
  await serve().simSend(SUB, 'JA');
  await serve().simSend(SUB, 'Wie sind eure Öffnungszeiten?');
  await expect.poll(async () => (await serve().simPhone(SUB)).map((m) => m.text).join('\n')).toContain('🤖 Automatische Antwort von Fahrrad Müller: Unsere Öffnungszeiten');
  await page.getByTestId('settings-close').click();
  await page.locator(`[data-testid="contact-row"][data-phone="${SUB}"]`).click();
  const botMsg = page.locator('[data-testid="message"][data-direction="out"]', { hasText: 'Antwort von Fahrrad Müller: Unsere Öffnungszeiten' }).last();
  await expect(botMsg).toContainText('Bot');
  await serve().simSend(SUB, 'Mitarbeiter bitte');
  await expect(page.locator('[data-testid="message"][data-direction="out"]', { hasText: 'an unser Team weiter' })).toBeVisible();
  await shot(page, 'bot-handover');
});

test('announcements: warning, preview with who is skipped and why, sending with progress', async ({ page }) => {
  for (const t of ['START', 'JA', 'NEWSLETTER', 'JA']) await serve().simSend(SUB, t);
  for (const t of ['START', 'JA']) await serve().simSend(SERVICE_ONLY, t);
  await page.goto(serve().url);
  await (await fromMoreMenu(page, 'announcements-open')).click();
  await expect(page.getByTestId('announcements-warning')).toContainText('höchstens 2-mal');

  await page.getByTestId('announcement-create').click();
  await expect(page.getByTestId('announcements').getByRole('alert')).toBeVisible();
  await page.getByTestId('announcement-text').fill('Hallo {name}, ab Samstag 10 % auf alle Helme!');
  await page.getByTestId('announcement-preview').click();
  const recipients = page.getByTestId('announcement-recipients');
  await expect(recipients).toContainText(SUB);
  await expect(page.getByTestId('announcement-skipped')).toContainText(`${SERVICE_ONLY}: keine Einwilligung für Angebote`);
  await shot(page, 'announcement-preview');
  await noSeriousViolations(page, '[data-testid="announcements"]');

  await page.getByTestId('announcement-create').click();
  const item = page.getByTestId('announcement-item').first();
  await expect(item).toHaveAttribute('data-state', 'done');
  await expect(item.getByTestId('announcement-progress')).toContainText('1 gesendet · 0 offen · 1 ausgelassen · 0 fehlgeschlagen');
  await expect.poll(async () => (await serve().simPhone(SUB)).map((m) => m.text).join('\n')).toContain('ab Samstag 10 % auf alle Helme!');
  expect((await serve().simPhone(SERVICE_ONLY)).some((m) => m.text.includes('Helme'))).toBe(false);
  await shot(page, 'announcement-progress');
  await noSeriousViolations(page, '[data-testid="announcements"]');
});
