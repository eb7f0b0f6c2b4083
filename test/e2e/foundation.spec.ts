import { expect, forbidDialogs, noSeriousViolations, shot, test, useServe, signIn } from './fixtures';

const serve = useServe();
const CUSTOMER = '+4915112345678';
const QUESTION = 'Hallo, ist mein Fahrrad fertig?';

test('empty start: no contacts, no conversation, demo marker', async ({ page }) => {
  await page.goto(serve().url);
  await expect(page.getByTestId('demo-marker')).toBeVisible();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await expect(page.getByTestId('conversation-empty')).toBeVisible();
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'connected');
  // The token leaves the address bar once read.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await shot(page, 'empty-state');
  // An empty book is a message, not a list without items.
  await noSeriousViolations(page);

  // The language switch changes the whole UI and is remembered across a reload.
  await page.getByTestId('language-switch').getByRole('button', { name: 'EN' }).click();
  await expect(page.getByTestId('contact-search')).toHaveAttribute('placeholder', 'Search (name, number, text)');
  await expect(page.getByTestId('sim-toggle')).toContainText('Customer phone');
  await page.reload();
  await expect(page.getByTestId('contact-search')).toHaveAttribute('placeholder', 'Search (name, number, text)');
  await page.getByTestId('language-switch').getByRole('button', { name: 'DE' }).click();
  await expect(page.getByTestId('sim-toggle')).toContainText('Kundenhandy');
});

test('customer writes, staff opens the chat and replies, the reply reaches the phone', async ({ page }) => {
  const dialogs = forbidDialogs(page);
  await page.goto(serve().url);
  await signIn(page);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  await serve().simSend(CUSTOMER, QUESTION);
  await serve().simSend(CUSTOMER, 'JA');

  const row = page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('consent-badge')).toBeVisible();
  await shot(page, 'contact-list');

  await row.click();
  const conversation = page.getByTestId('conversation');
  await expect(conversation).toHaveAttribute('data-phone', CUSTOMER);
  await expect(conversation.locator('[data-testid="message"][data-direction="in"]', { hasText: QUESTION })).toBeVisible();

  const reply = 'Ja, Ihr Fahrrad ist fertig. Sie können es ab 14 Uhr abholen.';
  await page.getByTestId('composer-input').fill(reply);
  await page.getByTestId('composer-send').click();
  const sent = conversation.locator('[data-testid="message"][data-direction="out"]', { hasText: reply });
  await expect(sent).toBeVisible();
  // The composer is cleared only after the app accepted the message.
  await expect(page.getByTestId('composer-input')).toHaveValue('');

  await expect
    .poll(async () => (await serve().simPhone(CUSTOMER)).some((m) => m.direction === 'out' && m.text === reply), {
      timeout: 15_000,
    })
    .toBe(true);
  await expect(sent).not.toHaveAttribute('data-status', 'queued');
  await shot(page, 'conversation');
  expect(dialogs).toEqual([]);
});

test('Enter sends, Shift+Enter makes a new line', async ({ page }) => {
  await page.goto(serve().url);
  await signIn(page);
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  const input = page.getByTestId('composer-input');
  await input.click();
  await input.pressSequentially('Zeile eins');
  await input.press('Shift+Enter');
  await input.pressSequentially('Zeile zwei');
  await expect(input).toHaveValue('Zeile eins\nZeile zwei');
  await input.press('Enter');
  await expect(
    page.locator('[data-testid="message"][data-direction="out"]', { hasText: 'Zeile zwei' }),
  ).toBeVisible();
  await expect(input).toHaveValue('');
});
