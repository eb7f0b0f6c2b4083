import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../../main/store';
import { expect, shot, test, useServe } from '../fixtures';

/**
 * 20,000 contacts seeded through the store before the server starts (no
 * seeding route exists in the app). Records how long the inbox takes to open
 * and to page through the whole book; asserts only that every row arrives.
 */
const N = 20_000;
const FIRST = ['Anna', 'Ben', 'Clara', 'Deniz', 'Emil', 'Fatma', 'Günther', 'Hanna', 'Ivan', 'Jörg'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'];

const serve = useServe({
  prepare: (dataDir) => {
    const store = Store.open(dataDir);
    const t0 = Date.parse('2026-01-01T08:00:00Z');
    store.tx(() => {
      for (let i = 0; i < N; i++) {
        const c = store.contacts.create(`+49151${String(10_000_000 + i)}`, t0 + i * 1000);
        store.contacts.setName(c.id, `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`, t0 + i * 1000);
      }
    });
    store.close();
  },
});

test.setTimeout(600_000);
test.use({ viewport: { width: 1280, height: 720 } });

test('20,000 contacts: the inbox opens and pages through the whole book (timings recorded)', async ({ page }) => {
  const t0 = Date.now();
  await page.goto(serve().url);
  await expect(page.getByTestId('contact-row').first()).toBeVisible({ timeout: 60_000 });
  const openMs = Date.now() - t0;
  await expect(page.getByTestId('count-all')).toHaveText('20000', { timeout: 60_000 });
  await shot(page, 'inbox-20000');

  // Scroll to the end, page by page, while the page records frame gaps.
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const list = page.getByTestId('inbox-list');
  const s0 = Date.now();
  for (let i = 0; i < 2000; i++) {
    const done = await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return Number(el.getAttribute('data-count')) >= 20_000 && el.getAttribute('aria-busy') !== 'true';
    });
    if (done) break;
    await page.waitForTimeout(50);
  }
  await expect(list).toHaveAttribute('data-count', String(N), { timeout: 120_000 });
  const scrollToEndMs = Date.now() - s0;
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(1));
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;

  // Search by a number in a German form.
  await page.keyboard.press('Control+k');
  const q0 = Date.now();
  await page.getByTestId('search-input').fill('0151/10012345');
  await expect(page.getByTestId('search-contact').first()).toBeVisible();
  const searchMs = Date.now() - q0;

  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'inbox-timings.json'),
    JSON.stringify(
      {
        contacts: N,
        openToFirstRowMs: openMs,
        pageThroughAllMs: scrollToEndMs,
        frameGapP95Ms: Math.round(p95 * 10) / 10,
        frameGapMaxMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
        searchNumberMs: searchMs,
        measuredAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  // The whole book arrived (no cap) and its end can be shown.
  await page.keyboard.press('Escape');
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(list).toHaveAttribute('data-count', String(N));
  await expect(page.getByTestId('contact-row').last()).toBeVisible();
});
