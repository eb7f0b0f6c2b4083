import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../../main/store';
import { expect, test, useServe } from '../fixtures';

const CUSTOMER = '+4915188887777';
const COUNT = 100_000;

/** A 100,000-message conversation written straight into a fresh data dir before the app starts. */
const serve = useServe({
  prepare(dataDir) {
    const store = Store.open(dataDir);
    try {
      store.tx(() => {
        const contact = store.contacts.create(CUSTOMER, Date.now() - COUNT * 60_000);
        const conversationId = (store.db.prepare('SELECT id FROM conversations WHERE contact_id = ?').get(contact.id) as { id: number }).id;
        const start = Date.now() - COUNT * 60_000;
        for (let i = 0; i < COUNT; i++) {
          const out = i % 3 === 2;
          store.messages.insert({
            conversationId,
            direction: out ? 'out' : 'in',
            type: 'text',
            body: `Nachricht ${i + 1}: ${'Frage zum Fahrrad '.repeat(1 + (i % 5))}`,
            author: out ? 'staff' : 'customer',
            status: out ? 'delivered' : 'received',
            createdAt: start + i * 60_000,
          });
        }
      });
    } finally {
      store.close();
    }
  },
});

test.setTimeout(240_000);

test('a 100,000-message conversation opens, scrolls to the start and takes typing (timings recorded)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serve().url);
  await serve().simSend(CUSTOMER, 'JA');
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __tasks: number };
    w.__longest = 0;
    w.__tasks = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__tasks++;
        w.__longest = Math.max(w.__longest, e.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  });

  const t0 = Date.now();
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('message').last()).toBeVisible();
  const openMs = Date.now() - t0;

  // Scroll towards the start for at most a minute (recorded, not asserted: how far it got, how long).
  const t1 = Date.now();
  let reached = false;
  while (Date.now() - t1 < 60_000) {
    await thread.evaluate((el) => (el.scrollTop = 0));
    if (await thread.getByTestId('thread-beginning').isVisible()) {
      reached = true;
      break;
    }
    await page.waitForTimeout(30);
  }
  const scrollMs = Date.now() - t1;
  const rows = Number(await thread.getAttribute('data-rows'));
  expect(rows).toBeGreaterThan(200);
  // Only what is on screen is in the page.
  expect(await thread.getByTestId('message').count()).toBeLessThan(60);
  const scroll = await page.evaluate(() => (window as unknown as { __longest: number; __tasks: number }));

  // Typing: time from key press to the next frame, per key.
  const input = page.getByTestId('composer-input');
  await input.focus();
  const keyTimes: number[] = [];
  for (const ch of 'Ihr Rad ist fertig') {
    const before = Date.now();
    await page.keyboard.type(ch);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    keyTimes.push(Date.now() - before);
  }
  await expect(input).toHaveValue('Ihr Rad ist fertig');
  keyTimes.sort((a, b) => a - b);

  const out = {
    messages: COUNT,
    rows,
    reachedStart: reached,
    openMs,
    scrollToStartMs: scrollMs,
    longTasks: scroll.__tasks,
    longestTaskMs: Math.round(scroll.__longest),
    keyToFrameMs: { median: keyTimes[Math.floor(keyTimes.length / 2)], max: keyTimes[keyTimes.length - 1] },
  };
  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'conversation-timings.json'), JSON.stringify(out, null, 2));
  console.log('conversation timings', JSON.stringify(out));
});
