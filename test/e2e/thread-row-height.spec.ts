import { Store } from '../../main/store';
import type { MessageAuthor, MessageView } from '../../main/contract';
import { estimateRowHeight } from '../../renderer/src/features/conversation/row-height';
import { expect, test, useServe } from './fixtures';

/**
 * The history's height estimate (features/conversation/row-height.ts) is
 * exact for day separators and plain texts at 1280 px: opening a chat then
 * draws its rows once. This pins the estimate to the CSS: a change of a
 * bubble's padding, line height or author line fails here, not silently
 * in the open's speed.
 */
const CUSTOMER = '+4915166665555';
const BODIES = [
  'Hallo',
  'Ist mein Rad fertig? Ich würde es gern heute noch abholen.',
  'Zeile eins\nZeile zwei',
  'Guten Tag,\n\nich komme morgen vorbei.',
  // About 120 characters: two lines in a bubble at its widest.
  'Vielen Dank für die schnelle Reparatur! Das Rad fährt wieder wunderbar, die Bremsen greifen und nichts klappert mehr.',
  // About 200 characters: three lines.
  'Könnten Sie bitte noch einmal nachsehen, ob die Rechnung für den Austausch der Kette, der Kassette und der beiden Bremsbeläge schon verschickt wurde? Ich habe sie bisher nicht bekommen, danke sehr.',
];
const AUTHORS: Array<{ direction: 'in' | 'out'; author: MessageAuthor; authorName: string | null }> = [
  { direction: 'in', author: 'customer', authorName: null },
  { direction: 'out', author: 'staff', authorName: null },
  { direction: 'out', author: 'staff', authorName: 'Inhaber' },
  { direction: 'out', author: 'bot', authorName: null },
];

const serve = useServe({
  prepare: (dataDir) => {
    const store = Store.open(dataDir);
    try {
      store.tx(() => {
        // Three calendar days before today, at noon UTC (early afternoon in the browser's Berlin time): the
        // history has a day separator for each whatever the hour the test runs at (20 hours apart from
        // "now minus three days", two of them fell on one day after midnight).
        const DAY = 86_400_000;
        const firstNoon = Math.floor(Date.now() / DAY) * DAY - 3 * DAY + 12 * 3_600_000;
        const contact = store.contacts.create(CUSTOMER, firstNoon);
        const conversationId = store.messages.conversationIdOf(contact.id)!;
        for (let day = 0; day < 3; day++) {
          let at = firstNoon + day * DAY;
          for (const body of BODIES) {
            for (const a of AUTHORS) {
              const status = a.direction === 'out' ? 'delivered' : 'received';
              store.messages.insert({ conversationId, type: 'text', body, status, createdAt: (at += 60_000), ...a });
            }
          }
        }
      });
    } finally {
      store.close();
    }
  },
});

test.use({ viewport: { width: 1280, height: 720 } });

test('the estimate of a history row is its height: day separators and texts of one to three lines, with and without an author line', async ({ page }) => {
  await page.goto(serve().url);
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('message').last()).toBeVisible();

  const seen = new Map<string, { day: boolean; author: string; authorText: string | null; body: string; height: number }>();
  // The virtual list holds only the rows near the view: scroll up through all of them.
  for (let step = 0; step < 40; step++) {
    const rows = await thread.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('.thread__row')].map((row) => {
        const m = row.querySelector<HTMLElement>('[data-testid="message"]');
        return {
          // By message id, or by the day's label (a row's index moves as older pages arrive above it).
          key: m ? `m${m.dataset.id}` : `d${row.textContent}`,
          day: !!row.querySelector('[data-testid="day-separator"]'),
          author: /msg--(customer|staff|bot)\b/.exec(m?.className ?? '')?.[1] ?? '',
          authorText: m?.querySelector('[data-testid="message-author"]')?.textContent ?? null,
          body: m?.querySelector('.msg__body')?.textContent ?? '',
          height: Math.round(row.getBoundingClientRect().height),
        };
      }),
    );
    for (const { key, ...row } of rows) seen.set(key, row);
    if (await thread.evaluate((el) => el.scrollTop === 0)) break;
    await thread.evaluate((el) => (el.scrollTop -= 500));
    await page.waitForTimeout(50);
  }

  const rows = [...seen.values()];
  const days = rows.filter((r) => r.day);
  const texts = rows.filter((r) => !r.day);
  expect(days.length).toBeGreaterThanOrEqual(3);
  expect(texts.length).toBe(3 * BODIES.length * AUTHORS.length);
  for (const d of days) expect(d.height, 'day separator').toBe(estimateRowHeight({ kind: 'day', key: 'd', date: '2026-12-01' }));
  for (const t of texts) {
    // What the virtualizer asks before the row is drawn: the message as the window holds it.
    const author = t.author as MessageAuthor;
    const message = { type: 'text', media: null, body: t.body, author, authorName: author === 'staff' ? t.authorText : null } as MessageView;
    expect(t.height, `${author}${t.authorText ? ` (${t.authorText})` : ''}: ${JSON.stringify(t.body.slice(0, 30))}, ${t.body.length} characters`).toBe(
      estimateRowHeight({ kind: 'message', key: 'm', message }),
    );
  }
  // The author line shows where the seed put one: the named staff member's messages and the bot's.
  expect(texts.filter((t) => t.authorText === 'Inhaber')).toHaveLength(3 * BODIES.length);
  expect(texts.filter((t) => t.author === 'bot' && t.authorText)).toHaveLength(3 * BODIES.length);
  expect(texts.filter((t) => t.author === 'customer' && t.authorText)).toHaveLength(0);
  // Every kind of row was there: one to three lines, with and without an author line.
  expect(new Set(texts.map((t) => t.height)).size).toBeGreaterThanOrEqual(6);
});
