import { expect, seedBook, test, useServe } from './fixtures';

/**
 * A book larger than one inbox page (200 rows): the start asks for the first
 * page only, and the next page comes when staff scroll near the end.
 */
const N = 450;
const serve = useServe({ prepare: (dataDir) => seedBook(dataDir, N, (i) => `Kundin ${i}`) });

test('a book of 450: the start loads one page of the inbox, scrolling to its end loads the next', async ({ page }) => {
  const pages: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const frame = String(f.payload);
      if (frame.includes('"method":"inbox.list"')) pages.push(frame);
    }),
  );
  await page.goto(serve().url);
  const list = page.getByTestId('inbox-list');
  await expect(list.getByTestId('contact-row').first()).toBeVisible();
  await expect(page.getByTestId('count-all')).toHaveText(String(N));
  // The counter has settled: the views' chunks are fetched once the inbox shows, after its data.
  await page.waitForLoadState('networkidle');
  // Only first pages so far (a reconnect would ask for the first page again, never for a next one).
  const next = () => pages.filter((frame) => frame.includes('"cursor"'));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(next()).toEqual([]);

  // Scrolled to the end of the first page: the second is asked for, with the first's cursor.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(() => next().length).toBeGreaterThanOrEqual(1);
  // And the end of the book is reached by scrolling on (waiting order: the last created comes last).
  await expect
    .poll(
      async () => {
        await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
        return list.locator('[data-testid="contact-row"][data-phone="+4915110000449"]').count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  // 450 rows: two next pages after the first, each asked for once.
  expect(next()).toHaveLength(2);
});
