import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, shot, signIn, test, useServe } from './fixtures';

/** The top bar is one row from 1280 px on; what is used less sits in the "Mehr" menu. */
const serve = useServe();

test.describe.configure({ mode: 'serial' });

/** Every entry of the bar on one row, nothing cut off at the right edge. */
async function expectOneRow(page: Page, width: number): Promise<void> {
  const layout = await page.getByTestId('topbar').evaluate((bar) => {
    const items = [...bar.querySelectorAll<HTMLElement>('.topbar__brand > *, .topbar__actions > *')].filter((el) => el.offsetParent !== null);
    const rects = items.map((el) => el.getBoundingClientRect());
    return {
      tops: [...new Set(rects.map((r) => Math.round(r.top + r.height / 2)))],
      right: Math.max(...rects.map((r) => r.right)),
      height: bar.getBoundingClientRect().height,
    };
  });
  // All centred on one line (a second row would add a line ~40 px lower).
  expect(Math.max(...layout.tops) - Math.min(...layout.tops)).toBeLessThan(8);
  expect(layout.right).toBeLessThanOrEqual(width);
  expect(layout.height).toBeLessThan(64);
}

for (const [locale, label] of [
  ['de', 'DE'],
  ['en', 'EN'],
] as const) {
  test(`one row at 1280×720 (${locale}), the less-used entries in a keyboard menu`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(serve().url);
    await signIn(page);
    await page.getByTestId('language-switch').getByRole('button', { name: label }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expectOneRow(page, 1280);
    await shot(page, `topbar-1280-${locale}`);

    // Keyboard only: focus the button, open with Enter, move with the arrows, choose with Enter.
    const more = page.getByTestId('topbar-more');
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem')).toHaveCount(3);
    await expect(menu.getByTestId('announcements-open')).toBeFocused();
    await shot(page, `topbar-1280-${locale}-more`);
    const result = await new AxeBuilder({ page }).include('[data-testid="topbar"]').include('[role="menu"]').analyze();
    expect(result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menu').getByTestId('manager-open')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('manager')).toBeVisible();
  });
}

test('one row at 1920×1080', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(serve().url);
  await page.getByTestId('language-switch').getByRole('button', { name: 'DE' }).click();
  await expectOneRow(page, 1920);
  await shot(page, 'topbar-1920-de');
});
