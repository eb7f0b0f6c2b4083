import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, forbidDialogs, noSeriousViolations, shot, test, useServe } from './fixtures';

const serve = useServe();
const CUSTOMER = '+4915112340001';

test('Sicherung: enable with the passphrase shown once, back up now, preview and restore', async ({ page }) => {
  forbidDialogs(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  const nas = mkdtempSync(join(tmpdir(), 'tresen-nas-'));
  try {
    await serve().simSend(CUSTOMER, 'Hallo, ist mein Rad fertig?');
    await serve().simSend(CUSTOMER, 'JA');
    await page.goto(serve().url);
    await page.getByTestId('settings-open').click();
    const section = page.getByTestId('settings-backup');
    await section.scrollIntoViewIfNeeded();

    // A folder that is not there is refused with words a shop understands.
    await page.getByTestId('backup-folder').fill(join(nas, 'nicht-da'));
    await page.getByTestId('backup-enabled').check();
    await section.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByTestId('backup-notice')).toContainText('Diesen Ordner gibt es nicht');

    await page.getByTestId('backup-folder').fill(nas);
    await page.getByTestId('backup-keep-days').fill('7');
    await section.getByRole('button', { name: 'Speichern' }).click();
    const passphrase = page.getByTestId('backup-passphrase');
    await expect(passphrase).toBeVisible();
    await expect(passphrase.locator('code')).toHaveText(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/);
    await passphrase.scrollIntoViewIfNeeded();
    await shot(page, 'backup-passphrase');
    await passphrase.getByRole('button').click();
    await expect(passphrase).toHaveCount(0);

    await page.getByTestId('backup-run').click();
    await expect(page.getByTestId('backup-notice')).toHaveText('Sicherung erstellt.');
    await expect(page.getByTestId('backup-list').locator('tbody tr')).toHaveCount(1);
    expect(readdirSync(nas).filter((n) => n.endsWith('.tresenbak'))).toHaveLength(1);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'backup-section');
    await noSeriousViolations(page, '[data-testid="settings-backup"]');

    // After the backup a new customer writes; the restore brings the earlier state back.
    await serve().simSend('+4915112340002', 'Neu nach der Sicherung');
    await page.getByTestId('backup-list').getByRole('button', { name: 'Wiederherstellen …' }).click();
    const preview = page.getByTestId('backup-preview');
    await expect(preview).toBeVisible();
    await expect(preview.getByTestId('preview-contacts')).toHaveText('1');
    await expect(preview).toContainText('Löschungen und Widerrufe, die nach dieser Sicherung erfolgt sind, werden nach der Wiederherstellung erneut angewendet.');
    await expect(page.getByTestId('backup-restore')).toBeDisabled();
    await preview.scrollIntoViewIfNeeded();
    await shot(page, 'backup-restore-preview');
    await noSeriousViolations(page, '[data-testid="backup-preview"]');

    await page.getByTestId('backup-confirm').check();
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('backup-restore').click();
    await reloaded;
    await expect(page.getByTestId('settings-open')).toBeVisible();
    const known = async (phone: string) =>
      (await fetch(`${serve().origin}/api/v1/contacts/${encodeURIComponent(phone)}`, { headers: { Authorization: `Bearer ${serve().token}` } })).status;
    expect(await known('+4915112340002')).toBe(404);
    expect(await known(CUSTOMER)).toBe(200);
  } finally {
    rmSync(nas, { recursive: true, force: true });
  }
});

test('Webhooks: only https (or this PC), the secret shown once, the list and the log', async ({ page }) => {
  forbidDialogs(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serve().url);
  {
    await page.getByTestId('settings-open').click();
    const hooks = page.getByTestId('settings-webhooks');
    await hooks.scrollIntoViewIfNeeded();
    await page.getByTestId('webhook-name').fill('Warenwirtschaft');
    await page.getByTestId('webhook-url').fill('http://shop.example/hook');
    await hooks.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    await expect(hooks.getByRole('alert')).toContainText('Nur https-Adressen');
    await page.getByTestId('webhook-url').fill('https://shop.example/tresen');
    await hooks.getByRole('checkbox', { name: 'Einwilligung geändert' }).check();
    await hooks.getByRole('button', { name: 'Webhook hinzufügen' }).click();
    await expect(page.getByTestId('webhook-secret').locator('code')).toHaveText(/^whsec_/);
    await expect(page.getByTestId('webhook-list')).toContainText('Warenwirtschaft');
    await hooks.scrollIntoViewIfNeeded();
    await shot(page, 'webhooks-section');
    await noSeriousViolations(page, '[data-testid="settings-webhooks"]');
  }
});

test('Webhooks: one a shop system registered with its API key shows its key, and as stopped once the key is revoked', async ({ page }) => {
  forbidDialogs(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  const { origin, token } = serve();
  const api = (path: string, key: string, init: RequestInit = {}) =>
    fetch(`${origin}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) } });
  const keyRes = await api('/api/v1/keys', token, { method: 'POST', body: JSON.stringify({ name: 'Kassensystem', scope: 'integration' }) });
  const key = (await keyRes.json()) as { id: number; key: string };
  const hookRes = await api('/api/v1/webhooks', key.key, {
    method: 'POST',
    body: JSON.stringify({ url: 'https://kasse.example/tresen', events: ['message.received', 'case.status'] }),
  });
  expect(hookRes.status).toBe(201);
  const { id } = (await hookRes.json()) as { id: number };

  await page.goto(serve().url);
  await page.getByTestId('settings-open').click();
  const item = page.getByTestId(`webhook-${id}`);
  await item.scrollIntoViewIfNeeded();
  await expect(item).toContainText('API-Schlüssel „Kassensystem“');
  await expect(item.getByTestId('webhook-stopped')).toHaveCount(0);

  expect((await api(`/api/v1/keys/${key.id}`, token, { method: 'DELETE' })).status).toBe(200);
  await page.reload();
  await page.getByTestId('settings-open').click();
  await page.getByTestId(`webhook-${id}`).scrollIntoViewIfNeeded();
  await expect(page.getByTestId(`webhook-${id}`).getByTestId('webhook-stopped')).toContainText('Gestoppt: API-Schlüssel am');
  await shot(page, 'webhooks-stopped-key');
  await noSeriousViolations(page);
});
