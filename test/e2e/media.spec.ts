import { expect, forbidDialogs, shot, test, useServe, signIn } from './fixtures';

const serve = useServe();
const CUSTOMER = '+4915144445555';
// A small real PNG (8×8, teal) so the browser can decode and show it.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGPgk7qDFTGMSgwuCQBZeGm5Y8ZOSgAAAABJRU5ErkJggg==',
  'base64',
);

test('staff sends a photo with a caption; it shows inline and reaches the customer', async ({ page }) => {
  const dialogs = forbidDialogs(page);
  await page.goto(serve().url);
  await signIn(page);
  await serve().simSend(CUSTOMER, 'Haben Sie den Helm in Rot?');
  await serve().simSend(CUSTOMER, 'JA');
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();

  await page.getByTestId('composer-input').fill('Hier ist er in Rot');
  await page.getByTestId('composer-file').setInputFiles({ name: 'helm.png', mimeType: 'image/png', buffer: PNG });

  const conversation = page.getByTestId('conversation');
  const sent = conversation.locator('[data-testid="message"][data-direction="out"]', { hasText: 'Hier ist er in Rot' });
  await expect(sent.getByTestId('message-image')).toBeVisible();
  await expect(page.getByTestId('composer-input')).toHaveValue('');
  await expect
    .poll(async () => (await serve().simPhone(CUSTOMER)).some((m) => m.direction === 'out' && m.text === '📎 helm.png — Hier ist er in Rot'))
    .toBe(true);
  await expect(page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`)).toContainText('Bild · Hier ist er in Rot');
  await shot(page, 'conversation-photo');

  // A program is refused with a clear reason, and the typed text stays.
  await page.getByTestId('composer-input').fill('Rechnung anbei');
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
  await page.getByTestId('composer-file').setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: elf });
  await expect(page.getByTestId('composer-error')).toContainText('Programmdateien');
  await expect(page.getByTestId('composer-input')).toHaveValue('Rechnung anbei');
  expect(dialogs).toEqual([]);
});
