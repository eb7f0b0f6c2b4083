import { expect, forbidDialogs, shot, startServe, test } from './fixtures';
import { StandIn, chromiumProcessesUnder } from '../helpers/wa-standin/server';

// The whole app in serve mode on the real whatsapp-web.js, against the
// stand-in WhatsApp Web page: link by QR, receive a customer's message, and
// leave no browser behind on stop.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

test('WhatsApp line on the real library: QR, scan, connected, a customer message arrives, no Chromium left after stop', async ({ page }) => {
  test.setTimeout(120_000);
  forbidDialogs(page);
  const standIn = await StandIn.start();
  const serve = await startServe({
    demo: false,
    files: { 'line.json': JSON.stringify({ mode: 'whatsapp', browserPath: CHROMIUM }) },
    env: { TRESEN_WHATSAPP_BROWSER_ARGS: JSON.stringify(standIn.chromeArgs) },
  });
  const dataDir = serve.dataDir;
  try {
    await page.goto(serve.url);
    const status = page.getByTestId('wa-status').first();
    await expect(status).toHaveAttribute('data-state', 'qr', { timeout: 60_000 });
    await shot(page, 'whatsapp-standin-qr');
    standIn.command('scan');
    await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
    standIn.arrive({ id: 'E2E1', chat: '4915112345678@c.us', body: 'Ist mein Paket da?', t: Math.floor(Date.now() / 1000), notifyName: 'Kundin' });
    // A first message from a new customer: the contact appears in "Alle offenen" under its WhatsApp
    // name and number, its text waits for consent.
    const row = page.locator('[data-testid="contact-row"][data-phone="+4915112345678"]');
    await expect(row.getByText('+49 1511 2345678')).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText('~ Kundin')).toBeVisible();
    await expect(row.getByTestId('waiting-consent')).toBeVisible();
    await expect(page.getByTestId('view-all')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('count-all')).toHaveText('1');
    await shot(page, 'whatsapp-standin-message');
  } finally {
    await serve.stop();
    await standIn.close();
  }
  for (let i = 0; i < 30 && chromiumProcessesUnder(dataDir).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(chromiumProcessesUnder(dataDir)).toEqual([]);
});
