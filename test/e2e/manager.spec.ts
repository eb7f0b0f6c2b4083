import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../main/store';
import { pdfText } from '../helpers/pdf';
import { seedStats } from '../helpers/stats-seed';
import { expect, fromMoreMenu, shot, test, useServe } from './fixtures';

const serve = useServe({
  prepare(dataDir) {
    const store = Store.open(dataDir);
    seedStats(store);
    const names: [string, string][] = [
      ['+4915100000001', 'Anna Becker'],
      ['+4915100000002', 'Bernd Schulz'],
      ['+4915100000003', 'Clara Wolf'],
      ['+4915100000005', 'Emil Schröder'],
    ];
    for (const [phone, name] of names) store.db.prepare('UPDATE contacts SET name = ? WHERE phone = ?').run(name, phone);
    store.close();
  },
});

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 900 },
];

async function axe(page: Page, selector: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.getByTestId('manager').evaluate((el) => {
    const body = el.querySelector('.settings__body')!;
    return body.scrollWidth - body.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

test('Verwaltung: consents with filters, counts and the proof with the chain check', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto(serve().url);
  // The top-bar entry fits beside the others at the smallest size.
  const topbar = await page.locator('.topbar').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(topbar).toBeLessThanOrEqual(0);
  await shot(page, 'manager-topbar-1280x720');
  await (await fromMoreMenu(page, 'manager-open')).click();
  await expect(page.getByTestId('manager')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Einwilligungen' })).toHaveAttribute('aria-selected', 'true');
  const rows = page.getByTestId('manager-contact-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('manager-count-all')).toHaveText('3');
  await expect(page.getByTestId('manager-count-staff')).toHaveText('1');
  await expect(rows.first()).toContainText('Emil Schröder');

  await page.getByTestId('manager-source-staff').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Clara Wolf');
  await expect(rows.first()).toContainText('Widerruf durch Mitarbeitende');
  await page.getByTestId('manager-source-all').click();
  await page.getByTestId('manager-since').fill('2026-03-29');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('manager-count-all')).toHaveText('2');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await noHorizontalOverflow(page);
    await shot(page, `manager-contacts-${size.width}x${size.height}`);
  }
  await axe(page, '[data-testid="manager"]');

  await page.getByRole('button', { name: 'Nachweis für Bernd Schulz öffnen' }).click();
  const panel = page.getByTestId('consent-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Bernd Schulz');
  await panel.getByTestId('consent-verify').click();
  await expect(panel.getByTestId('consent-verify-result')).toHaveAttribute('data-ok', 'true');
  await shot(page, 'manager-contacts-proof-1600x900');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('manager')).toBeVisible();
});

test('Verwaltung: when the charts cannot be fetched (page left open across an update), the tab says so and the window stays', async ({ page }) => {
  await page.route('**/assets/StatsTab-*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(serve().url);
  await (await fromMoreMenu(page, 'manager-open')).click();
  await page.getByTestId('manager-tab-stats').click();
  await expect(page.getByTestId('stats-unavailable')).toContainText('Bitte die Seite neu laden');
  // The rest of the window still works: another tab opens.
  await page.getByTestId('manager-tab-contacts').click();
  await expect(page.getByTestId('manager-panel-contacts')).toBeVisible();
  await expect(page.getByTestId('manager-close')).toBeVisible();
});

test('Verwaltung: statistics with charts over a chosen period', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  // The charts come in their own file, fetched only when the tab is opened.
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(serve().url);
  await (await fromMoreMenu(page, 'manager-open')).click();
  expect(scripts.some((p) => p.includes('StatsTab'))).toBe(false);
  await page.getByTestId('manager-tab-stats').click();
  await expect(page.getByTestId('stats-from')).toBeVisible();
  expect(scripts.filter((p) => p.includes('StatsTab'))).toHaveLength(1);
  await page.getByTestId('stats-from').fill('2026-03-27');
  await page.getByTestId('stats-to').fill('2026-04-02');
  await page.getByTestId('stats-show').click();
  await expect(page.getByTestId('stat-optIns')).toContainText('3'); // A, B and E (31 March)
  await expect(page.getByTestId('stat-botResolved')).toContainText('%');
  await expect(page.getByTestId('stat-readRate')).toContainText('%');
  await expect(page.getByTestId('stats-messages-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('stats-messages-chart')).toContainText('29.03.');
  await expect(page.getByTestId('stats-messages-chart')).toContainText('Eingehend');
  await expect(page.getByTestId('stats-cases-table')).toContainText('Reparatur');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await noHorizontalOverflow(page);
    await shot(page, `manager-stats-${size.width}x${size.height}`);
  }
  await axe(page, '[data-testid="manager"]');

  // A reversed period is refused with a readable message, and the view stays.
  await page.getByTestId('stats-from').fill('2026-04-05');
  await page.getByTestId('stats-show').click();
  await expect(page.getByTestId('stats-error')).toBeVisible();
});

test('Verwaltung: the processing record, previewed and saved as PDF', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto(serve().url);
  await (await fromMoreMenu(page, 'manager-open')).click();
  await page.getByTestId('manager-tab-record').click();
  const preview = page.getByTestId('record-preview');
  await expect(preview).toContainText('Verzeichnis von Verarbeitungstätigkeiten');
  await expect(preview).toContainText('Meta Platforms');
  await expect(page.getByTestId('record-section-retention')).toContainText('72 Stunden');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await noHorizontalOverflow(page);
    await shot(page, `manager-record-${size.width}x${size.height}`);
  }
  await axe(page, '[data-testid="manager"]');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/^Verarbeitungsverzeichnis-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  const text = await pdfText(bytes);
  expect(text).toContain('Löschfristen');
  // Rendered for people to look at.
  const dir = join('test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'processing-record.pdf');
  await download.saveAs(file);
  execFileSync('pdftoppm', ['-r', '80', '-png', file, join(dir, 'processing-record-page')]);
});
