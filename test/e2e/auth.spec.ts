import WebSocket from 'ws';
import { expect, test, useServe } from './fixtures';

const serve = useServe();

test('without the token the server answers 401 to pages, the sim API and the WebSocket', async () => {
  const { origin, token } = serve();

  expect((await fetch(`${origin}/`)).status).toBe(401);
  expect((await fetch(`${origin}/sim/customers/x/messages`)).status).toBe(401);
  expect((await fetch(`${origin}/?token=wrong-${token}`)).status).toBe(401);

  const upgradeStatus = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', (err) => {
        // 'unexpected-response' comes first for a refused upgrade; anything else is a failure.
        if (!String(err.message).includes('Unexpected server response')) reject(err);
      });
    });
  const wsOrigin = origin.replace('http://', 'ws://');
  expect(await upgradeStatus(`${wsOrigin}/ws`)).toBe(401);
  expect(await upgradeStatus(`${wsOrigin}/ws?token=nope`)).toBe(401);
  // The same check with the right token proves the 401s above were about the token.
  expect(await upgradeStatus(`${wsOrigin}/ws?token=${encodeURIComponent(token)}`)).toBe(101);
  expect((await fetch(`${origin}/`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
});

test('a reload keeps working without the token in the address bar', async ({ page }) => {
  await page.goto(serve().url);
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'connected');
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByTestId('wa-status')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});
