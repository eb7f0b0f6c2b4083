import { THREAD_WINDOW } from '../../../renderer/src/store/messages';
import { expect, seedChat, test, useServe } from '../fixtures';
import { TransportError, armClickToShown, armShown, awaitShown, installProbe, keepAliveSender, longestBeforeAndAfterStart, longestByPhase, markPhase, median, mergeBenchUi, p95, readClickToShown, readProbe, round } from './bench-ui';

const CUSTOMER = '+4915188887777';
const COUNT = 100_000;
const INCOMING = 100;
const BURST = 2_000;
/** The burst goes out over this many keep-alive connections (each stays far below the per-connection rate limit). */
const BURST_CONNECTIONS = 40;
/** …and is spread over this long. */
const BURST_WINDOW_MS = 2_000;
const TYPED = 'Ihr Rad ist fertig, Sie können es ab 16 Uhr abholen.';

/** A 100,000-message conversation written straight into a fresh data dir before the app starts. */
const serve = useServe({ prepare: (dataDir) => seedChat(dataDir, CUSTOMER, COUNT, (i) => `Nachricht ${i + 1}: ${'Frage zum Fahrrad '.repeat(1 + (i % 5))}`) });

test.setTimeout(900_000);
// No trace recording here: it snapshots the page's DOM at every action inside the page being
// measured (a third of the page's CPU while switching chats), so it would be part of every figure.
test.use({ viewport: { width: 1280, height: 720 }, trace: 'off' });

test('a 100,000-message conversation: opens, takes typing, shows every incoming message and a burst of 2,000, scrolls to its start (figures recorded)', async ({
  page,
}) => {
  await installProbe(page);
  await page.goto(serve().url);
  // The customer writes, the app asks for consent, the customer agrees: the composer opens.
  await serve().simSend(CUSTOMER, 'Hallo, ist mein Rad schon fertig?');
  await serve().simSend(CUSTOMER, 'JA');
  const thread = page.getByTestId('thread');
  const messagesShown = async (): Promise<number> => Number(await thread.getAttribute('data-messages'));

  // Open: from the click to the frame with the chat's newest message, timed in the page (as switching is).
  await markPhase(page, 'open');
  await armClickToShown(page, '[data-testid="thread"] [data-testid="message"]', null);
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  const openMs = await readClickToShown(page);
  await expect(thread.getByTestId('message').last()).toBeVisible();
  // Only what is on screen is in the page.
  expect(await thread.getByTestId('message').count()).toBeLessThan(60);

  // Typing in the composer: key press to the next painted frame, per key.
  const input = page.getByTestId('composer-input');
  await expect(input).toBeEnabled();
  await markPhase(page, 'typing');
  await input.focus();
  await page.keyboard.type(TYPED, { delay: 30 });
  await expect(input).toHaveValue(TYPED);
  const typed = await readProbe(page);
  await input.fill('');

  // Incoming: the customer writes (through serve's simulator) while the conversation is open.
  await markPhase(page, 'incoming');
  const incoming: number[] = [];
  for (let i = 0; i < INCOMING; i++) {
    const marker = `Eingang ${i + 1} von ${INCOMING}`;
    await armShown(page, marker);
    const sent = Date.now();
    await serve().simSend(CUSTOMER, `${marker}: Ist mein Fahrrad fertig?`);
    incoming.push((await awaitShown(page, marker)) - sent);
  }
  await expect(thread.getByTestId('message').last()).toContainText(`Eingang ${INCOMING} von ${INCOMING}`);

  // Burst: 2,000 messages within 2 s over several connections; every one must arrive in the thread.
  await markPhase(page, 'burst');
  const before = await messagesShown();
  const lastMarker = `Welle ${BURST} von ${BURST}`;
  await armShown(page, lastMarker);
  const sim = keepAliveSender(serve().origin, serve().token, BURST_CONNECTIONS);
  const burstStart = Date.now();
  const next = { i: 0 };
  const failures: string[] = [];
  const retried: string[] = [];
  // A keep-alive connection the server closes just as the next request leaves fails at the transport;
  // such a send is tried again (the phone below tells whether both attempts arrived).
  const sendRetrying = async (text: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sim.send(CUSTOMER, text);
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code ?? '';
        if (attempt >= 3 || !(err instanceof TransportError)) {
          failures.push(`${String(err)} ${code}`);
          return;
        }
        retried.push(`${code} ${err.message}`);
      }
    }
  };
  const sender = async (): Promise<void> => {
    for (;;) {
      const i = next.i++;
      if (i >= BURST) return;
      // Pace: message i leaves no earlier than its share of the window.
      const due = burstStart + (i * BURST_WINDOW_MS) / BURST - Date.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      // The last one is sent after all others were accepted (below), so it is the newest.
      if (i < BURST - 1) await sendRetrying(`Welle ${i + 1} von ${BURST}`);
    }
  };
  await Promise.all(Array.from({ length: BURST_CONNECTIONS }, sender));
  await sendRetrying(lastMarker);
  const acceptedMs = Date.now() - burstStart;
  sim.close();
  expect(failures).toEqual([]);
  // What the customer's phone sent: every wave once (twice where a retried send had arrived after all).
  const waves = (await serve().simPhone(CUSTOMER)).filter((m) => m.direction === 'in' && m.text.startsWith('Welle ')).map((m) => m.text);
  expect(new Set(waves).size).toBe(BURST);
  const lastShownAt = await awaitShown(page, lastMarker);
  await expect.poll(messagesShown, { timeout: 60_000 }).toBeGreaterThanOrEqual(before + waves.length);
  const allCountedAt = Date.now();
  const after = await messagesShown();
  // Lost: sent by the phone, not in the open thread. The thread holds each once (merged by id), and
  // all of them: the burst and what was there before fit the thread's window (its oldest would go beyond).
  expect(before + waves.length).toBeLessThanOrEqual(THREAD_WINDOW);
  const lost = before + waves.length - after;
  expect(lost).toBe(0);
  await expect(thread.getByTestId('message').last()).toContainText(lastMarker);

  // Scroll to the start (recorded; capped so a slow machine still finishes): scrolled to the top again
  // and again, each older page timed in the page from the scroll to the frame that shows it.
  await markPhase(page, 'scroll');
  const s0 = Date.now();
  const { reached, pages } = await thread.evaluate(async (el, limitMs) => {
    const afterPaint = (window as unknown as { __afterPaint: (fn: () => void) => void }).__afterPaint;
    const started = performance.now();
    const pages: number[] = [];
    const atStart = () => !!el.querySelector('[data-testid="thread-beginning"]');
    while (!atStart() && performance.now() - started < limitMs) {
      const oldest = el.dataset.oldestId;
      const t0 = performance.now();
      el.scrollTop = 0;
      // The next page is in once the window's oldest message changed; it is on screen a frame later.
      const arrived = await new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => {
          obs.disconnect();
          clearTimeout(limit);
          resolve(ok);
        };
        const obs = new MutationObserver(() => {
          if (el.dataset.oldestId !== oldest) done(true);
        });
        obs.observe(el, { attributes: true, attributeFilter: ['data-oldest-id'] });
        const limit = setTimeout(() => done(false), 5_000);
      });
      if (arrived) pages.push(await new Promise<number>((resolve) => afterPaint(() => resolve(performance.now() - t0))));
    }
    return { reached: atStart(), pages };
  }, 300_000);
  const scrollMs = Date.now() - s0;
  const scrollLoaded = await messagesShown();
  // The marker shows once the last page is in; the page put in front keeps the view where it was
  // (anchored), so one more scroll to the top shows the first message.
  if (reached) {
    await expect
      .poll(async () => {
        await thread.evaluate((el) => (el.scrollTop = 0));
        return thread.getByTestId('message').first().textContent();
      })
      .toContain('Nachricht 1:');
  }
  const probe = await readProbe(page);
  const split = longestBeforeAndAfterStart(probe);

  const figures = {
    ui_incoming_p95_ms: p95(incoming),
    ui_key_to_paint_p95_ms: p95(typed.keys),
    burst_lost: lost,
    burst_visible_s: round((Math.max(lastShownAt, allCountedAt) - burstStart) / 1000),
    conversation_longest_task_ms: round(probe.longest),
    conversation_longest_task_before_first_row_ms: split.start,
    conversation_longest_task_after_start_ms: split.after,
    conversation_long_tasks: probe.tasks,
    // Where a long task came from: the page's start with the customer's first messages, or one of the phases.
    ...longestByPhase(probe, 'conversation'),
    ui_incoming_median_ms: median(incoming),
    ui_key_to_paint_median_ms: median(typed.keys),
    burst_accepted_s: round(acceptedMs / 1000),
    burst_sends_retried: retried.length,
    conversation_messages: COUNT,
    conversation_open_ms: round(openMs),
    conversation_scroll_to_start_ms: reached ? scrollMs : null,
    conversation_scroll_reached_start: reached,
    conversation_scroll_loaded: scrollLoaded,
    conversation_scroll_s: round(scrollMs / 1000),
    // Each older page while scrolling up: from the scroll to the frame that shows it.
    conversation_older_pages: pages.length,
    conversation_older_page_p95_ms: p95(pages),
    conversation_older_page_median_ms: median(pages),
  };
  console.log('bench-ui (conversation)', JSON.stringify(mergeBenchUi(figures)));
});
