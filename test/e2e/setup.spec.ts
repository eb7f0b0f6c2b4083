import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, forbidDialogs, shot, startServe, test } from './fixtures';

/** The first-run wizard on a fresh data folder, walked in German and in English. */

async function axe(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include('[data-testid="setup-wizard"]').analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const TEXT = {
  de: { next: 'Speichern und weiter', demo: 'Bei der Demo bleiben', finish: 'Tresen öffnen', privacyError: /https:\/\//, pinError: /4 bis 8 Ziffern/, hoursError: /Ende muss nach dem Beginn/, markup: /keine spitzen Klammern/ },
  en: { next: 'Save and continue', demo: 'Stay on the demo', finish: 'Open Tresen', privacyError: /https:\/\//, pinError: /4 to 8 digits/, hoursError: /end must come after the start/, markup: /no angle brackets/ },
} as const;

for (const lang of ['de', 'en'] as const) {
  test(`first-run wizard (${lang}): every step, bad input next to its field, resume after closing, and the customer's consent request from it`, async ({ page }) => {
    test.setTimeout(360_000);
    const serve = await startServe({ freshSetup: true });
    try {
      forbidDialogs(page);
      await page.setViewportSize({ width: 1280, height: 720 });
      const x = TEXT[lang];
      const shop = { name: lang === 'de' ? 'Radhaus Lindner' : 'Lindner Cycles', privacy: `https://radhaus-${lang}.example/datenschutz` };
      await page.goto(serve.url);
      const wizard = page.getByTestId('setup-wizard');
      await expect(wizard).toHaveAttribute('data-step', 'shop');
      if (lang === 'en') await page.getByTestId('setup-ui-language').getByRole('button', { name: 'EN' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await shot(page, `setup-${lang}-1-shop`);
      await axe(page, 'shop');

      // Shop profile with bad input: script in the address, a privacy link that is not https.
      await page.getByTestId('setup-shop-name').fill(shop.name);
      await page.getByTestId('setup-shop-phone').fill('030 1234567');
      await page.getByTestId('setup-shop-address').fill('Hauptstr. 5 <script>alert(1)</script>');
      await page.getByTestId('setup-shop-privacyUrl').fill('http://radhaus.example/datenschutz');
      await page.getByTestId('setup-next').click();
      await expect(page.getByTestId('setup-shop-address-error')).toHaveText(x.markup);
      await expect(page.getByTestId('setup-shop-privacyUrl-error')).toContainText(x.privacyError);
      await expect(page.getByTestId('setup-shop-privacyUrl')).toHaveAttribute('aria-invalid', 'true');
      await shot(page, `setup-${lang}-1-shop-errors`);
      await page.getByTestId('setup-shop-address').fill('Hauptstr. 5, 10115 Berlin');
      await page.getByTestId('setup-shop-privacyUrl').fill(shop.privacy);
      await page.getByTestId('setup-next').click();

      // Opening hours that end before they start.
      await expect(wizard).toHaveAttribute('data-step', 'hours');
      await page.getByTestId('setup-hours-mon').fill('18:00-09:00');
      await page.getByTestId('setup-next').click();
      await expect(page.getByTestId('setup-hours-mon-error')).toContainText(x.hoursError);
      await shot(page, `setup-${lang}-2-hours-error`);
      await axe(page, 'hours');
      await page.getByTestId('setup-hours-mon').fill('09:00-13:00, 14:00-18:30');
      await page.getByTestId('setup-next').click();
      await expect(wizard).toHaveAttribute('data-step', 'manager');

      // Closing half-way: the next start resumes where it stopped.
      await page.reload();
      await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'manager');
      await expect(page.getByTestId('setup-step-shop')).toHaveCount(0);

      // The first manager profile: a PIN shorter than 4 digits is refused.
      await page.getByTestId('setup-manager-name').fill('Jana Lindner');
      await page.getByTestId(`setup-language-${lang}`).click();
      await page.getByTestId('setup-manager-pin').fill('123');
      await page.getByTestId('setup-manager-pin2').fill('123');
      await page.getByTestId('setup-next').click();
      await expect(page.getByTestId('setup-manager-pin-error')).toContainText(x.pinError);
      await shot(page, `setup-${lang}-3-manager-error`);
      await axe(page, 'manager');
      await page.getByTestId('setup-manager-pin').fill('4711');
      await page.getByTestId('setup-manager-pin2').fill('4711');
      await page.getByTestId('setup-next').click();

      // Consent timings and the texts as the customer will see them.
      await expect(wizard).toHaveAttribute('data-step', 'consent');
      await page.getByTestId('setup-consent-hours').fill('48');
      await page.getByTestId('setup-consent-locale').selectOption(lang);
      const preview = page.getByTestId('setup-preview-request');
      await expect(preview).toContainText(shop.name);
      await expect(preview).toContainText(shop.privacy);
      await expect(preview).toContainText('48');
      await shot(page, `setup-${lang}-4-consent`);
      await axe(page, 'consent');
      await page.getByTestId('setup-next').click();

      // The line: the risks in two sentences; this demo install stays on the demo.
      await expect(wizard).toHaveAttribute('data-step', 'line');
      await expect(page.getByTestId('setup-line-risks')).toContainText('WhatsApp');
      await expect(page.getByTestId('setup-line-link')).toBeDisabled();
      await shot(page, `setup-${lang}-5-line`);
      await axe(page, 'line');
      await page.getByTestId('setup-line-demo').click();

      // The counter poster.
      await expect(wizard).toHaveAttribute('data-step', 'poster');
      const download = page.waitForEvent('download');
      await page.getByTestId('setup-poster-print').click();
      expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
      await expect(page.getByTestId('setup-poster-done')).toBeVisible();
      await shot(page, `setup-${lang}-6-poster`);
      await page.getByTestId('setup-next').click();

      await expect(wizard).toHaveAttribute('data-step', 'done');
      await shot(page, `setup-${lang}-7-done`);
      await axe(page, 'done');
      await page.getByTestId('setup-finish').click();
      await expect(page.getByTestId('setup-wizard')).toHaveCount(0);
      await expect(page.getByTestId('demo-marker')).toBeVisible();
      await shot(page, `setup-${lang}-8-counter`);

      // A simulated customer's consent request carries the wizard's answers.
      const phone = lang === 'de' ? '+4915112340001' : '+4915112340002';
      await serve.simSend(phone, 'Hallo');
      await expect.poll(async () => (await serve.simPhone(phone)).filter((m) => m.direction === 'out').length).toBeGreaterThan(0);
      const request = (await serve.simPhone(phone)).find((m) => m.direction === 'out')!.text;
      expect(request).toContain(shop.name);
      expect(request).toContain(shop.privacy);
      expect(request).toContain(lang === 'de' ? '48 Stunden' : '48 hours');

      // Later the wizard is one click away in the settings, and the counter opens again after it.
      await page.getByTestId('settings-open').click();
      await page.getByTestId('setup-reopen').click();
      await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'shop');
      await expect(page.getByTestId('setup-shop-name')).toHaveValue(shop.name);
      await page.getByTestId('setup-close').click();
      await expect(page.getByTestId('setup-wizard')).toHaveCount(0);
    } finally {
      await serve.stop();
    }
  });
}

test('a test data folder and serve --demo never show the wizard', async ({ page }) => {
  const serve = await startServe();
  try {
    await page.goto(serve.url);
    await expect(page.getByTestId('demo-marker')).toBeVisible();
    await expect(page.getByTestId('setup-wizard')).toHaveCount(0);
  } finally {
    await serve.stop();
  }
});
