import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, forbidDialogs, fromMoreMenu, shot, test, useServe } from './fixtures';

/** "Demo starten": simulated customers write in, and a short tour of the counter that never returns once dismissed. */
const serve = useServe();
test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(240_000);

test('Demo starten fills the simulator through the consent rules and shows a skippable tour once', async ({ page }) => {
  forbidDialogs(page);
  await page.goto(serve().url);
  await (await fromMoreMenu(page, 'demo-start')).click();
  await expect(page.getByTestId('sim-panel')).toBeVisible();
  const tour = page.getByTestId('tour');
  await expect(tour).toHaveAttribute('data-step', 'inbox');
  // Three customers agreed and are in the inbox; the one who wrote STOP is revoked, the photo arrived.
  for (const phone of ['+4915730010001', '+4915730010002', '+4915730010003']) {
    await expect(page.locator(`[data-testid="contact-row"][data-phone="${phone}"]`)).toBeVisible();
  }
  // The one who wrote STOP got the request, the confirmation of JA and exactly one confirmation of STOP.
  await expect.poll(async () => (await serve().simPhone('+4915730010004')).filter((m) => m.direction === 'out').length).toBe(3);
  await shot(page, 'demo-tour-1-inbox');
  const result = await new AxeBuilder({ page }).include('[data-testid="tour"]').analyze();
  expect(result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);

  await tour.getByTestId('tour-next').click();
  await expect(tour).toHaveAttribute('data-step', 'conversation');
  await tour.getByTestId('tour-next').click();
  await expect(tour).toHaveAttribute('data-step', 'phone');
  await shot(page, 'demo-tour-3-phone');
  await tour.getByTestId('tour-skip').click();
  await expect(tour).toHaveCount(0);
  const setup = JSON.parse(readFileSync(join(serve().dataDir, 'setup.json'), 'utf8')) as { tourDismissed: boolean };
  expect(setup.tourDismissed).toBe(true);

  // Dismissed is dismissed: after a reload, starting the demo again shows no tour.
  await page.reload();
  await (await fromMoreMenu(page, 'demo-start')).click();
  await expect(page.getByTestId('sim-panel')).toBeVisible();
  await expect(page.locator('[data-testid="contact-row"][data-phone="+4915730010001"]')).toBeVisible();
  await expect(page.getByTestId('tour')).toHaveCount(0);
});
