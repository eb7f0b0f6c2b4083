import { bookPhone, expect, seedBook, shot, test, useServe, writeTexts } from '../fixtures';
import { armClickToShown, installProbe, longestBeforeAndAfterStart, longestByPhase, markPhase, mergeBenchUi, p95, median, readClickToShown, readProbe, round } from './bench-ui';

/**
 * 20,000 contacts seeded through the store before the server starts (no
 * seeding route exists in the app), 50 of them with a conversation waiting
 * for an answer and 20 more the shop answered last. Records how long the
 * inbox takes to show its first row, to switch between the 50 waiting
 * conversations (fetched ahead, app/warm-threads), to open the 20 answered
 * ones (not fetched ahead: a round trip each) and to page through the whole
 * book; asserts only that every row arrives and each switch shows the right chat.
 */
const N = 20_000;
const TALKING = 50;
/** Answered by the shop, the most recent activity of all: the top of the all view in activity order. */
const ANSWERED = 20;
const PER_CONVERSATION = 300;
const FIRST = ['Anna', 'Ben', 'Clara', 'Deniz', 'Emil', 'Fatma', 'Günther', 'Hanna', 'Ivan', 'Jörg'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'];
const phoneOf = bookPhone;

const serve = useServe({
  prepare: (dataDir) =>
    seedBook(
      dataDir,
      N,
      (i) => `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`,
      (store, contactId, i) => {
        if (i >= TALKING + ANSWERED) return;
        const conversationId = store.messages.conversationIdOf(contactId)!;
        if (i >= TALKING) {
          // The shop writes last, within the last 20 s.
          const start = Date.now() - (PER_CONVERSATION - 1) * 60_000 - (TALKING + ANSWERED - i) * 1000;
          writeTexts(store, conversationId, start, PER_CONVERSATION, (k) => `Laden ${i}, Nachricht ${k + 1}: Ihr Rad ist fertig.`, (k) => k % 3 === 1 || k === PER_CONVERSATION - 1);
          return;
        }
        const start = Date.now() - (PER_CONVERSATION + TALKING - i) * 60_000;
        // The customer writes last: each of the 50 waits for an answer.
        writeTexts(store, conversationId, start, PER_CONVERSATION, (k) => `Kunde ${i}, Nachricht ${k + 1}: Wann ist die Reparatur fertig?`, (k) => k % 3 === 1);
      },
    ),
});

test.setTimeout(900_000);
// No trace recording: it snapshots the page's DOM at every action, a third of the page's CPU
// in a profile, and the figures here are the page's own.
test.use({ viewport: { width: 1280, height: 720 }, trace: 'off' });

test('20,000 contacts: the inbox shows its first row, switches between 50 conversations and pages through the whole book (figures recorded)', async ({
  page,
}) => {
  await installProbe(page);
  await page.goto(serve().url);
  await expect(page.getByTestId('contact-row').first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => (await readProbe(page)).firstRowMs, { timeout: 10_000 }).not.toBeNull();
  const firstRowMs = round((await readProbe(page)).firstRowMs!);
  await expect(page.getByTestId('count-all')).toHaveText(String(N), { timeout: 60_000 });
  await shot(page, 'inbox-20000');

  // Switch between the 50 waiting conversations: click to the chat's newest message painted.
  await markPhase(page, 'switch');
  await page.getByTestId('view-waiting').click();
  const list = page.getByTestId('inbox-list');
  // Waiting for the list reads its attribute: each poll of a locator assertion that does not hold yet
  // snapshots the page's whole accessibility tree in the page (about 40 ms), a long task of the test's own.
  const count = (): Promise<string | null> => list.getAttribute('data-count');
  await expect.poll(count).toBe(String(TALKING));
  /** Clicks contact i's row (found by scrolling the list near `near` rows down) and gives the click to its newest message painted. */
  const openRow = async (i: number, near: number, rows: number, newest: string): Promise<number> => {
    const row = page.locator(`[data-testid="contact-row"][data-phone="${phoneOf(i)}"]`);
    // The row order is the server's; find the row by scrolling. The list is
    // virtual: a scrolled-to row exists only once the list has drawn the next frame.
    const scrollTo = (top: number) =>
      list.evaluate(
        (el, t) =>
          new Promise<void>((drawn) => {
            el.scrollTop = t;
            requestAnimationFrame(() => requestAnimationFrame(() => drawn()));
          }),
        top,
      );
    await scrollTo(Math.max(0, near * 56 - 200));
    for (let top = 0; top < (rows + 6) * 56 && !(await row.isVisible()); top += 300) await scrollTo(top);
    await expect(row, `row of ${phoneOf(i)}`).toBeVisible();
    // Click to the chat's newest message painted, timed in the page.
    await armClickToShown(page, '[data-testid="thread"] [data-testid="message"]', newest);
    await row.click({ timeout: 15_000 });
    const ms = await readClickToShown(page);
    await expect(page.getByTestId('conversation')).toHaveAttribute('data-phone', phoneOf(i));
    await expect(page.getByTestId('thread').getByTestId('message').last()).toContainText(newest);
    return ms;
  };
  const switches: number[] = [];
  for (let n = 0; n < TALKING; n++) {
    const i = (n * 7) % TALKING;
    switches.push(await openRow(i, n, TALKING, `Kunde ${i}, Nachricht ${PER_CONVERSATION}:`));
  }

  // The answered chats, each opened for the first time: nothing fetched ahead, a round trip each.
  await markPhase(page, 'switch_cold');
  await page.getByTestId('view-all').click();
  await page.getByTestId('order-switch').getByRole('button').nth(1).click();
  await expect.poll(count).toMatch(/^\d{3,}$/);
  const coldSwitches: number[] = [];
  for (let n = 0; n < ANSWERED; n++) {
    const i = TALKING + ((n * 7) % ANSWERED);
    coldSwitches.push(await openRow(i, TALKING + ANSWERED - 1 - i, ANSWERED, `Laden ${i}, Nachricht ${PER_CONVERSATION}:`));
  }
  await page.getByTestId('order-switch').getByRole('button').nth(0).click();

  // Back to all: scroll to the end, page by page, while the page records frame gaps.
  await markPhase(page, 'page_through');
  await page.getByTestId('view-all').click();
  await expect.poll(count).toMatch(/^\d{3,}$/);
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
  const s0 = Date.now();
  for (let i = 0; i < 4000; i++) {
    const done = await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return Number(el.getAttribute('data-count')) >= 20_000 && el.getAttribute('aria-busy') !== 'true';
    });
    if (done) break;
    await page.waitForTimeout(50);
  }
  await expect.poll(count, { timeout: 120_000 }).toBe(String(N));
  const scrollToEndMs = Date.now() - s0;
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(1));

  // Search by a number in a German form.
  await markPhase(page, 'search');
  await page.keyboard.press('Control+k');
  const q0 = Date.now();
  await page.getByTestId('search-input').fill('0151/10012345');
  // waitFor, not expect: each of expect's polls that finds nothing snapshots the page's whole
  // accessibility tree in the page (100 ms and more with the inbox open), a long task of its own.
  await page.getByTestId('search-contact').first().waitFor();
  await expect(page.getByTestId('search-contact').first()).toBeVisible();
  const searchMs = Date.now() - q0;

  // The whole book arrived (no cap) and its end can be shown.
  await page.keyboard.press('Escape');
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect.poll(count).toBe(String(N));
  await expect(page.getByTestId('contact-row').last()).toBeVisible();
  const probe = await readProbe(page);
  const split = longestBeforeAndAfterStart(probe);

  const figures = {
    inbox_contacts: N,
    inbox_first_row_ms: firstRowMs,
    inbox_switch_p95_ms: p95(switches),
    inbox_switch_median_ms: median(switches),
    inbox_switch_cold_p95_ms: p95(coldSwitches),
    inbox_switch_cold_median_ms: median(coldSwitches),
    inbox_page_through_all_ms: scrollToEndMs,
    inbox_frame_gap_p95_ms: p95(frames),
    inbox_search_number_ms: searchMs,
    inbox_longest_task_ms: round(probe.longest),
    inbox_longest_task_before_first_row_ms: split.start,
    inbox_longest_task_after_start_ms: split.after,
    inbox_long_tasks: probe.tasks,
    ...longestByPhase(probe, 'inbox'),
  };
  console.log('bench-ui (inbox)', JSON.stringify(mergeBenchUi(figures)));
});
