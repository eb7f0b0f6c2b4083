import { expect, noSeriousViolations, seedChat, shot, test, useServe } from './fixtures';

const CUSTOMER = '+4915177776666';
const COUNT = 8_000;
/** The one old message the search finds. */
const FRAME_NUMBER = 'WXQ4711';

/** A conversation of 8,000 messages, written before the app starts: more than a thread holds at once. */
const serve = useServe({ prepare: (dataDir) => seedChat(dataDir, CUSTOMER, COUNT, (i) => (i === 40 ? `Nachricht ${i + 1}: Rahmennummer ${FRAME_NUMBER}` : `Nachricht ${i + 1}: Frage zum Fahrrad`)) });

test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(180_000);

test('a long chat: scrolled to its start the thread holds a window of it, the newest are a click away, and a search hit far back opens in place', async ({
  page,
}) => {
  await page.goto(serve().url);
  await serve().simSend(CUSTOMER, 'Hallo, ist mein Rad fertig?');
  await serve().simSend(CUSTOMER, 'JA');
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  const thread = page.getByTestId('thread');
  const held = async (): Promise<number> => Number(await thread.getAttribute('data-messages'));
  await expect(thread.getByTestId('message').last()).toBeInViewport();
  await expect(page.getByTestId('jump-to-newest')).toHaveCount(0);

  // To the start: older pages arrive above, the newest go below; the thread never holds all 8,000.
  let most = 0;
  await expect
    .poll(
      async () => {
        await thread.evaluate((el) => (el.scrollTop = 0));
        most = Math.max(most, await held());
        return thread.getByTestId('thread-beginning').isVisible();
      },
      { timeout: 120_000, intervals: [50] },
    )
    .toBe(true);
  await expect
    .poll(async () => {
      await thread.evaluate((el) => (el.scrollTop = 0));
      return thread.getByTestId('message').first().textContent();
    })
    .toContain('Nachricht 1:');
  expect(most).toBeGreaterThan(1_000);
  expect(most).toBeLessThanOrEqual(3_000);
  const jump = page.getByTestId('jump-to-newest');
  await expect(jump).toBeVisible();
  await expect(jump).toHaveAccessibleName('Zu den neuesten Nachrichten');
  await shot(page, 'thread-window-start');
  await noSeriousViolations(page);

  // A message arriving meanwhile is not drawn far back; the button brings the newest, with it, into view.
  await serve().simSend(CUSTOMER, 'Ist es schon fertig?');
  await jump.click();
  await expect(thread.getByTestId('message').last()).toContainText('Ist es schon fertig?');
  await expect(thread.getByTestId('message').last()).toBeInViewport();
  await expect(jump).toHaveCount(0);
  expect(await held()).toBeLessThan(1_000);

  // Scrolling back down from far up pages the newer ones in again, in order, without a gap.
  await expect
    .poll(
      async () => {
        await thread.evaluate((el) => (el.scrollTop = 0));
        return held();
      },
      { timeout: 60_000, intervals: [50] },
    )
    .toBeGreaterThan(2_000);
  const ids = async (): Promise<number[]> =>
    thread.getByTestId('message').evaluateAll((els) => els.map((el) => Number(/Nachricht (\d+):/.exec(el.textContent ?? '')?.[1] ?? NaN)));
  for (let i = 0; i < 40; i++) await thread.evaluate((el) => el.scrollBy(0, el.clientHeight * 3));
  const shown = (await ids()).filter((n) => !Number.isNaN(n));
  expect(shown.length).toBeGreaterThan(3);
  // Consecutive on screen: nothing skipped where the window moved.
  for (let i = 1; i < shown.length; i++) expect(shown[i]).toBe(shown[i - 1]! + 1);

  // A search hit 8,000 messages back: the thread moves to it at once and marks it.
  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('search-dialog');
  await dialog.getByTestId('search-input').fill(FRAME_NUMBER.toLowerCase());
  await dialog.getByTestId('search-message').first().click();
  await expect(dialog).toHaveCount(0);
  const hit = thread.locator('.msg--focused');
  await expect(hit).toContainText(FRAME_NUMBER);
  await expect(hit).toBeInViewport();
  expect(await held()).toBeLessThanOrEqual(600);
  await shot(page, 'thread-window-search-hit');
});
