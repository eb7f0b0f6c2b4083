import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, shot, test, useServe } from './fixtures';

const serve = useServe();
const ANNA = '+4915112345678';
const BEN = '+4917098765432';
const row = (page: Page, phone: string) => page.locator(`[data-testid="contact-row"][data-phone="${phone}"]`);

/** A dialog's content lies within its box (no part of it drawn beside or over the box's edge). */
async function expectInsideItsBox(dialog: Locator): Promise<void> {
  const inner = (await dialog.boundingBox())!;
  const outer = (await dialog.locator('xpath=..').boundingBox())!;
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
}

/** No critical or serious axe findings on the screen as it is now. */
async function axe(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(
    bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').slice(0, 160)}]`).join(', ')}`),
    label,
  ).toEqual([]);
}

test.use({ viewport: { width: 1280, height: 720 } });
// axe and the serve process share two busy cores.
test.setTimeout(180_000);

test.beforeAll(async () => {
  // Two customers with consent: Anna asks and waits, Ben too.
  await serve().simSend(ANNA, 'Hallo, ist mein Fahrrad fertig?');
  await serve().simSend(ANNA, 'JA');
  await serve().simSend(ANNA, 'Und wann habt ihr morgen offen?');
  await serve().simSend(BEN, 'Guten Tag, ich brauche einen Termin');
  await serve().simSend(BEN, 'JA');
});

test('inbox views with counts; status, labels from the row menu and the bar', async ({ page }) => {
  await page.goto(serve().url);
  await expect(row(page, ANNA)).toBeVisible();
  await expect(row(page, BEN)).toBeVisible();
  await expect(page.getByTestId('count-all')).toHaveText('2');
  await expect(page.getByTestId('count-unassigned')).toHaveText('2');
  // Rows are at most 56 px high.
  const box = await row(page, ANNA).boundingBox();
  expect(box!.height).toBeLessThanOrEqual(56);
  await expect(row(page, ANNA).getByTestId('waiting-since')).toContainText(/seit \d+ Min\./);
  await shot(page, 'inbox-all-de-light');
  await axe(page, 'inbox');

  // Row menu: "Wartet auf Kunde" moves Ben out of the open views into "Wartet auf Kunde".
  await row(page, BEN).hover();
  await row(page, BEN).getByTestId('row-menu').click();
  await page.getByRole('menuitem', { name: 'Wartet auf Kunde' }).click();
  await expect(row(page, BEN)).toHaveCount(0);
  await expect(page.getByTestId('count-all')).toHaveText('1');
  await page.getByTestId('view-more').selectOption('pending');
  await expect(row(page, BEN)).toBeVisible();
  await expect(row(page, BEN)).toHaveAttribute('data-status', 'pending');
  await shot(page, 'inbox-pending');

  // The conversation bar: a label with its colour, then resolve.
  await row(page, BEN).click();
  const bar = page.getByTestId('conversation-bar');
  await expect(bar).toBeVisible();
  await bar.getByTestId('label-input').fill('Reparatur');
  await bar.getByTestId('label-input').press('Enter');
  await expect(bar.getByTestId('conversation-labels')).toContainText('Reparatur');
  await expect(row(page, BEN).getByTestId('row-label')).toHaveText('Reparatur');
  await axe(page, 'conversation bar');
  await page.getByTestId('view-more').selectOption({ label: 'Reparatur (0)' }).catch(async () => {
    await page.getByTestId('view-more').selectOption({ index: 4 });
  });
  await bar.getByTestId('status-select').selectOption('open');
  await page.getByTestId('view-all').click();
  await expect(row(page, BEN)).toBeVisible();
  await expect(page.getByTestId('count-all')).toHaveText('2');
  await shot(page, 'inbox-label');

  // Order by activity puts the last writer first; by waiting time the longest waiting first.
  await page.getByTestId('order-switch').getByRole('button', { name: 'Aktivität' }).click();
  await expect(page.getByTestId('contact-row').first()).toHaveAttribute('data-phone', BEN);
  await page.getByTestId('order-switch').getByRole('button', { name: 'Wartezeit' }).click();
  await expect(page.getByTestId('contact-row').first()).toHaveAttribute('data-phone', ANNA);
});

test('keyboard: one Tab stop in the list, arrows move, Alt+↓ opens the next waiting chat', async ({ page }) => {
  await serve().simSend(BEN, 'Hallo?');
  await page.goto(serve().url);
  await expect(row(page, BEN).getByTestId('waiting-since')).toBeVisible();
  await expect(page.getByTestId('contact-row').first()).toHaveAttribute('data-phone', ANNA);
  await row(page, ANNA).locator('.inbox-row__main').focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, BEN).locator('.inbox-row__main')).toBeFocused();
  await expect(page.locator('.inbox-row__main[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(row(page, BEN)).toHaveClass(/inbox-row--selected/);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(row(page, ANNA)).toHaveClass(/inbox-row--selected/);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(row(page, BEN)).toHaveClass(/inbox-row--selected/);
});

test('switching chats back and forth: the pane holds one history, the open customer’s only', async ({ page }) => {
  await page.goto(serve().url);
  const thread = page.getByTestId('thread');
  for (const [phone, own, other] of [
    [ANNA, 'morgen offen', 'einen Termin'],
    [BEN, 'einen Termin', 'morgen offen'],
    [ANNA, 'morgen offen', 'einen Termin'],
    [BEN, 'einen Termin', 'morgen offen'],
  ] as const) {
    await row(page, phone).click();
    await expect(page.getByTestId('conversation')).toHaveAttribute('data-phone', phone);
    // One history (each earlier chat's used to stay in the pane above the open one's)…
    await expect(thread).toHaveCount(1);
    await expect(thread.getByTestId('message').filter({ hasText: own })).toHaveCount(1);
    // …and nothing of the other customer's in it.
    await expect(thread.getByTestId('message').filter({ hasText: other })).toHaveCount(0);
  }
  await expect(page.getByTestId('composer-input')).toHaveCount(1);
});

test('search (Ctrl+K): German number forms and folded text, hit opens the chat without closing it before', async ({ page }) => {
  await page.goto(serve().url);
  await row(page, BEN).click();
  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('search-dialog');
  await expect(dialog).toBeVisible();
  for (const form of ['0151 12345678', '0151/12345678', '+49 151 1234 5678']) {
    await dialog.getByTestId('search-input').fill(form);
    await expect(dialog.locator(`[data-testid="search-contact"][data-phone="${ANNA}"]`)).toBeVisible();
  }
  // Typing never closed the open chat.
  await expect(row(page, BEN)).toHaveClass(/inbox-row--selected/);
  await dialog.getByTestId('search-input').fill('fahrrad');
  const hit = dialog.getByTestId('search-message').first();
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark').first()).toHaveText(/fahrrad/i);
  await expectInsideItsBox(dialog);
  await shot(page, 'search-hits');
  await axe(page, 'search');
  // Arrows move through the hits (customers first, then messages); End reaches the last message.
  await page.keyboard.press('ArrowDown');
  await expect(dialog.locator('[data-hit]').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(dialog.locator('[data-hit]').last()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(row(page, ANNA)).toHaveClass(/inbox-row--selected/);
  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // While it is open the rest of the window is inert; a click beside it closes it and gives the window back.
  await page.keyboard.press('Control+k');
  await expect(dialog.getByTestId('search-input')).toBeFocused();
  await expect(page.locator('#root')).toHaveJSProperty('inert', true);
  // The backdrop's bottom left corner, far from the dialog.
  await page.mouse.click(8, page.viewportSize()!.height - 8);
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('#root')).toHaveJSProperty('inert', false);
  await row(page, BEN).click();
  await expect(row(page, BEN)).toHaveClass(/inbox-row--selected/);
});

test('profiles: owner sets the PIN on first use, wrong PIN is named, quick switch shows name and colour', async ({ page }) => {
  await page.goto(serve().url);
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  const pin = page.getByTestId('pin-dialog');
  await expect(pin).toBeVisible();
  await expectInsideItsBox(pin);
  await pin.getByTestId('pin-input').fill('2468');
  await pin.getByTestId('pin-repeat').fill('2468');
  await axe(page, 'pin dialog');
  await pin.getByTestId('pin-submit').click();
  await expect(pin).toHaveCount(0);
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');
  await shot(page, 'profile-switched');

  // Sign out, then a wrong PIN is named as such.
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await expect(page.getByTestId('profile-current')).toHaveText('Kein Profil');
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  await pin.getByTestId('pin-input').fill('1111');
  await pin.getByTestId('pin-submit').click();
  await expect(pin.getByTestId('pin-error')).toHaveText('Falsche PIN.');
  await shot(page, 'profile-pin-wrong');
  await pin.getByTestId('pin-input').fill('2468');
  await pin.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');

  // Assigning to oneself fills "Meine".
  await row(page, ANNA).click();
  await page.getByTestId('conversation-bar').getByTestId('assignee-select').selectOption({ label: 'Inhaber' });
  await expect(page.getByTestId('count-mine')).toHaveText('1');
  await page.getByTestId('view-mine').click();
  await expect(row(page, ANNA).getByTestId('assignee-dot')).toHaveAttribute('aria-label', 'Zugewiesen an Inhaber');
  await shot(page, 'inbox-mine');
});

test('settings: profiles are managed there, display and alerts are set there; axe finds nothing', async ({ page }) => {
  await page.goto(serve().url);
  // Only a manager may add profiles: switch to the owner (PIN set in the test before).
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Inhaber/ }).click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');

  await page.getByTestId('settings-open').click();
  const section = page.getByTestId('settings-profiles');
  await section.getByTestId('profile-add').click();
  await section.getByTestId('profile-name').fill('Lena');
  await section.getByTestId('profile-pin').fill('1357');
  await section.getByTestId('profile-save').click();
  await expect(section.getByTestId('profile-item').filter({ hasText: 'Lena' })).toContainText('mit PIN');
  // Alerts: the text stays hidden and the sound off unless chosen.
  const display = page.getByTestId('settings-display');
  await expect(display.getByTestId('notify-text')).not.toBeChecked();
  await expect(display.getByTestId('notify-sound')).not.toBeChecked();
  await display.getByTestId('settings-theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'settings-profiles-dark');
  await axe(page, 'settings dark');
  await display.getByTestId('settings-theme').selectOption('light');
  await axe(page, 'settings light');
  await page.getByTestId('settings-close').click();

  // Lena is in the quick switch and asks for her PIN.
  await page.getByTestId('profile-switch').click();
  await page.getByRole('menuitem', { name: /Lena/ }).click();
  await page.getByTestId('pin-input').fill('1357');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('profile-current')).toHaveText('Lena');
});

test('both languages and both themes pass axe', async ({ page }) => {
  await page.goto(serve().url);
  await expect(row(page, ANNA)).toBeVisible();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'inbox-all-de-dark');
  await axe(page, 'dark');
  await page.getByTestId('language-switch').getByRole('button', { name: 'EN' }).click();
  await expect(page.getByTestId('view-all')).toContainText('All open');
  await shot(page, 'inbox-all-en-dark');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await shot(page, 'inbox-all-en-light');
  await axe(page, 'english');
  await page.getByTestId('language-switch').getByRole('button', { name: 'DE' }).click();
});

test('the window title counts unread messages; a new message is announced', async ({ page }) => {
  await page.goto(serve().url);
  await expect(row(page, ANNA)).toBeVisible();
  await serve().simSend(ANNA, 'Noch eine Frage');
  await expect(page).toHaveTitle(/^\(\d+\) Tresen$/);
  await expect(page.getByTestId('live-region')).toContainText('Neue Nachricht von');
  // Opening the chat reads it once its messages are on screen: the row's unread count goes.
  await expect(row(page, ANNA).locator('.unread-pill')).toBeVisible();
  await row(page, ANNA).click();
  await expect(page.getByTestId('thread').getByTestId('message').last()).toContainText('Noch eine Frage');
  await expect(row(page, ANNA).locator('.unread-pill')).toBeHidden();
});

test('connection state is one truth: banner and status bar agree when the app is gone', async ({ page }) => {
  await page.goto(serve().url);
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'connected');
  await serve().stop();
  await expect(page.getByTestId('connection-banner')).toBeVisible();
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'app-offline');
  await shot(page, 'connection-lost');
});
