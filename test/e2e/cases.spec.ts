import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, forbidDialogs, noSeriousViolations, shot, test, useServe } from './fixtures';

const serve = useServe();
const CUSTOMER = '+4915122223333';
const STRANGER = '+4917099998888';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; bytes: Buffer }> {
  const res = await fetch(`${serve().origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${serve().token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(bytes.toString()) as Record<string, unknown>) : {};
  return { status: res.status, json, bytes };
}

test('cases at the counter: from the chat to the customer phone, the Cases view with filters, and the return label', async ({ page }) => {
  const dialogs = forbidDialogs(page);
  await page.goto(serve().url);
  await serve().simSend(CUSTOMER, 'Hallo, ich bringe morgen mein Rad vorbei.');
  await serve().simSend(CUSTOMER, 'JA');
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();

  // The side panel: a repair created from the chat.
  await page.getByTestId('case-panel-toggle').click();
  const panel = page.getByTestId('case-panel');
  await expect(panel.getByTestId('case-none')).toBeVisible();
  await panel.getByTestId('case-new').click();
  await panel.getByTestId('case-type').selectOption('repair');
  await panel.getByTestId('case-title').fill('Rennrad, Schaltung einstellen');
  await panel.getByTestId('case-create').click();
  const repair = panel.locator('[data-testid="case-card"]', { hasText: 'Rennrad' });
  await expect(repair).toHaveAttribute('data-number', /^REP-\d{4}-0001$/);
  const number = (await repair.getAttribute('data-number'))!;

  // "ready": the proposed message carries the case number; one click sends it.
  await repair.getByTestId('case-status-select').selectOption('ready');
  await expect(repair.getByTestId('case-message')).toHaveValue(new RegExp(number));
  await shot(page, 'case-panel-status');
  await repair.getByTestId('case-send').click();
  await expect(repair).toHaveAttribute('data-status', 'ready');
  await expect(repair.getByTestId('case-notification')).toHaveText('Kunde benachrichtigt');
  await expect
    .poll(async () => (await serve().simPhone(CUSTOMER)).some((m) => m.direction === 'out' && m.text.includes(number) && m.text.includes('fertig')))
    .toBe(true);
  await expect(repair.getByTestId('case-history')).toContainText('Fertig / abholbereit');

  // A return approved from the panel: the label goes to the phone as a document and stays with the case.
  await panel.getByTestId('case-new').click();
  await panel.getByTestId('case-type').selectOption('return');
  await panel.getByTestId('case-title').fill('Helm, Riss in der Schale');
  await panel.getByTestId('case-create').click();
  const ret = panel.locator('[data-testid="case-card"]', { hasText: 'Helm' });
  await expect(ret).toHaveAttribute('data-number', /^RET-/);
  const retNumber = (await ret.getAttribute('data-number'))!;
  await ret.getByTestId('case-status-select').selectOption('approved');
  await expect(ret.getByTestId('case-message')).toHaveValue(/Rücksendeetikett|Rücksendung/);
  await ret.getByTestId('case-send').click();
  await expect(ret.getByTestId('case-label')).toBeVisible();
  await expect
    .poll(async () => (await serve().simPhone(CUSTOMER)).some((m) => m.direction === 'out' && m.text.includes(`Ruecksendeetikett-${retNumber}.pdf`)))
    .toBe(true);
  await shot(page, 'case-panel');

  // A shop system opens cases for a number that never wrote, and one already overdue.
  const stranger = await api('POST', '/api/v1/cases', { type: 'pickup', phone: STRANGER, title: 'Fahrradschloss', pickupUntil: '2030-06-30' });
  expect(stranger.status).toBe(201);
  const patched = await api('PATCH', `/api/v1/cases/${String(stranger.json.id)}`, { status: 'ready', notify: true });
  expect(patched.json.notification).toEqual({ state: 'not_sent', reason: 'no_contact' });
  expect(await serve().simPhone(STRANGER)).toEqual([]);
  expect((await api('POST', '/api/v1/cases', { type: 'repair', phone: CUSTOMER, title: 'E-Bike Akku', promisedAt: '2024-01-05' })).status).toBe(201);

  // The Cases view: all, then by type, then overdue only.
  await page.getByTestId('cases-open').click();
  const view = page.getByTestId('cases-view');
  await expect(view.getByTestId('cases-row')).toHaveCount(4);
  await view.locator('[data-testid="cases-row"]', { hasText: 'Fahrradschloss' }).click();
  await expect(view.getByTestId('cases-detail').getByTestId('case-notification')).toContainText('nicht benachrichtigt – keine Einwilligung');
  await expect(view.getByTestId('cases-detail').getByTestId('case-show-qr')).toBeVisible();
  await shot(page, 'cases-view');
  await noSeriousViolations(page, '[data-testid="cases-view"]');
  await view.getByTestId('cases-filter-type').selectOption('repair');
  await expect(view.getByTestId('cases-row')).toHaveCount(2);
  await view.getByTestId('cases-filter-overdue').check();
  await expect(view.getByTestId('cases-row')).toHaveCount(1);
  await expect(view.getByTestId('cases-row')).toContainText('E-Bike Akku');
  await expect(view.getByTestId('cases-row')).toContainText('überfällig');
  await shot(page, 'cases-view-overdue');

  // English.
  await page.getByTestId('cases-close').click();
  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByTestId('cases-open').click();
  await expect(page.getByTestId('cases-view')).toContainText('Overdue only');
  await shot(page, 'cases-view-en');

  // Settings: the case messages, with auto-send switched on for a finished repair.
  await page.getByTestId('cases-close').click();
  await page.getByTestId('settings-open').click();
  const section = page.getByTestId('settings-cases');
  const readyText = section.locator('[data-testid="case-template"][data-key="repair.ready"]');
  await readyText.scrollIntoViewIfNeeded();
  await readyText.getByTestId('case-autosend').check();
  await section.getByTestId('case-templates-save').click();
  await expect(section.getByRole('status')).toHaveText('Saved.');
  await shot(page, 'settings-case-messages');
  const auto = await api('POST', '/api/v1/cases', { type: 'repair', phone: CUSTOMER, title: 'Auto' });
  const autoReady = await api('PATCH', `/api/v1/cases/${String(auto.json.id)}`, { status: 'ready' });
  expect(autoReady.json.notification).toMatchObject({ state: 'queued' });

  // The label as printed: rendered from the PDF, its barcode decoded.
  const label = await api('GET', `/api/v1/cases/${await caseIdByNumber(retNumber)}/label.pdf?format=a6`);
  expect(label.status).toBe(200);
  mkdirSync(SHOTS, { recursive: true });
  const pdf = join(SHOTS, 'case-label.pdf');
  writeFileSync(pdf, label.bytes);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, join(SHOTS, 'case-label')]);
  const decoded = execFileSync('zbarimg', ['--quiet', join(SHOTS, 'case-label.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  expect(decoded.trim()).toBe(`CODE-128:${retNumber}`);
  expect(dialogs).toEqual([]);
});

async function caseIdByNumber(number: string): Promise<string> {
  const list = await api('GET', '/api/v1/cases?type=return');
  const found = (list.json.items as { id: string; number: string }[]).find((c) => c.number === number);
  if (!found) throw new Error(`no case ${number}`);
  return found.id;
}
