import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, forbidDialogs, noSeriousViolations, openSettingsAsManager, shot, test, useServe, signIn } from './fixtures';
import type { Serve, SimPhoneMessage } from './fixtures';

const serve = useServe();
const PHONE = '+4915199887766';

/** The customer's phone once it holds `count` messages from the shop. */
async function shopMessages(s: Serve, count: number): Promise<SimPhoneMessage[]> {
  let out: SimPhoneMessage[] = [];
  await expect
    .poll(
      async () => {
        out = (await s.simPhone(PHONE)).filter((m) => m.direction === 'out');
        return out.length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return out;
}

const row = (page: Page) => page.locator(`[data-testid="contact-row"][data-phone="${PHONE}"]`);

test('counter onboarding: QR, START, JA, chat, STOP, locked', async ({ page }) => {
  const s = serve();
  const dialogs = forbidDialogs(page);
  await page.goto(s.url);
  await signIn(page);

  await test.step('staff opens "Neuer Kunde": the QR code for the shop number is shown large', async () => {
    await page.getByTestId('new-customer').click();
    const view = page.getByTestId('onboarding');
    await expect(view).toBeVisible();
    const qr = view.getByTestId('onboarding-qr');
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml/);
    await expect(qr).toHaveAttribute('data-link', /^https:\/\/wa\.me\/\d+\?text=START$/);
    // Large enough to scan from arm's length.
    const box = await qr.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await expect(view.getByTestId('onboarding-shop-number')).toHaveText(/^\+\d[\d ]+$/);
    await expect(view.getByTestId('onboarding-waiting')).toBeVisible();
    await shot(page, 'onboarding-qr');
  });

  await test.step('the A4 poster downloads as a PDF', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('onboarding-poster').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByTestId('onboarding-poster-done')).toBeVisible();
  });

  await test.step('the customer sends START and gets the consent request; the screen notices them', async () => {
    await s.simSend(PHONE, 'START');
    const arrival = page.getByTestId('onboarding-arrival');
    await expect(arrival).toHaveAttribute('data-phone', PHONE);
    await expect(arrival.getByTestId('onboarding-arrival-state')).toHaveAttribute('data-state', 'requested');
    const [request] = await shopMessages(s, 1);
    // The consent text names who receives the data and how to revoke.
    expect(request?.text).toMatch(/Meta|WhatsApp/);
    expect(request?.text).toMatch(/STOP/);
    // Behind the QR screen the list already shows the pending contact.
    await expect(row(page).getByTestId('consent-badge')).toHaveAttribute('data-kind', 'requested');
  });

  await test.step('the customer confirms with JA: service consent, confirmation on the phone', async () => {
    await s.simSend(PHONE, 'JA');
    await expect(page.getByTestId('onboarding-arrival-state')).toHaveAttribute('data-state', 'granted');
    const out = await shopMessages(s, 2);
    expect(out[1]?.text).toMatch(/STOP/);
    await expect(page.getByTestId('onboarding-open-chat')).toBeVisible();
    await shot(page, 'onboarding-arrived');
  });

  await test.step('staff opens the chat; badge and proof show the consent', async () => {
    await page.getByTestId('onboarding-open-chat').click();
    await expect(page.getByTestId('onboarding')).toHaveCount(0);
    const conversation = page.getByTestId('conversation');
    await expect(conversation).toHaveAttribute('data-phone', PHONE);
    const badge = conversation.getByTestId('consent-badge');
    await expect(badge).toHaveAttribute('data-kind', 'service');
    await expect(badge).toHaveAttribute('title', /Service: durch Nachricht des Kunden/);

    await conversation.getByTestId('consent-history-open').click();
    const panel = page.getByTestId('consent-panel');
    const events = panel.getByTestId('consent-event');
    await expect(events).toHaveCount(2);
    // Newest first: requested → granted by the customer's JA.
    await expect(events.first()).toHaveAttribute('data-to', 'granted');
    await expect(events.first().getByTestId('consent-event-trigger')).toContainText('Kundennachricht');
    await expect(events.last()).toHaveAttribute('data-to', 'requested');
    await panel.getByTestId('consent-verify').click();
    await expect(panel.getByTestId('consent-verify-result')).toHaveAttribute('data-ok', 'true');
    // Nobody can tick consent for a customer: the proof has no such control.
    await expect(panel.getByRole('button', { name: /erteilen|einwilligen|grant/i })).toHaveCount(0);
    await shot(page, 'consent-history');
    await panel.getByTestId('consent-panel-close').click();
    await expect(panel).toHaveCount(0);
  });

  await test.step('staff chats; the reply reaches the phone', async () => {
    await expect(page.getByTestId('composer-input')).toBeEnabled();
    await page.getByTestId('composer-input').fill('Willkommen! Ihr Fahrrad ist ab Freitag abholbereit.');
    await page.getByTestId('composer-send').click();
    const out = await shopMessages(s, 3);
    expect(out[2]?.text).toBe('Willkommen! Ihr Fahrrad ist ab Freitag abholbereit.');
  });

  await test.step('the customer writes STOP: one final confirmation, composer locked, API refused', async () => {
    await s.simSend(PHONE, 'STOP');
    const out = await shopMessages(s, 4);
    expect(out[3]?.text).toMatch(/Widerruf|STOP/i);

    const locked = page.getByTestId('composer-locked');
    await expect(locked).toHaveAttribute('data-lock', 'revoked');
    await expect(locked.getByTestId('composer-lock-reason')).toContainText('Der Kunde hat am');
    await expect(page.getByTestId('composer-input')).toBeDisabled();
    await expect(page.getByTestId('composer-send')).toBeDisabled();
    await expect(page.getByTestId('conversation').getByTestId('consent-badge')).toHaveAttribute('data-kind', 'revoked');

    const headers = { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' };
    const refused = await fetch(`${s.origin}/api/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: PHONE, text: 'Noch ein Angebot?', purpose: 'service' }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('consent_required');

    const state = await fetch(`${s.origin}/api/v1/contacts/${encodeURIComponent(PHONE)}`, { headers });
    expect(state.status).toBe(200);
    expect(await state.json()).toEqual({ phone: PHONE, consent: { service: 'revoked', marketing: 'none' } });

    // Afterwards nothing more is sent: still exactly the one revocation confirmation.
    await page.waitForTimeout(1_000);
    expect((await s.simPhone(PHONE)).filter((m) => m.direction === 'out')).toHaveLength(4);
    await shot(page, 'composer-locked');
  });

  expect(dialogs).toEqual([]);
});

test('settings: shop profile with a field error, keywords, timings and versioned texts', async ({ page }) => {
  await page.goto(serve().url);
  const settings = await openSettingsAsManager(page);

  // A number that is no phone number is refused by main and shown at its field; nothing is lost.
  const phone = settings.getByTestId('settings-shop-phone');
  const before = await phone.inputValue();
  await phone.fill('abc');
  await settings.getByTestId('settings-shop-save').click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveValue('abc');
  await expect(settings.getByTestId('settings-shop')).toContainText('keine gültige Telefonnummer');
  await shot(page, 'settings-field-error');
  await phone.fill(before || '+49 30 1234567');
  await settings.getByTestId('settings-shop-name').fill('Radhaus Weber');
  await settings.getByTestId('settings-shop-save').click();
  await expect(settings.getByTestId('settings-shop-status')).toHaveAttribute('data-state', 'saved');

  // Hours outside the range never reach main.
  await settings.getByTestId('settings-quarantine-hours').fill('0');
  await settings.getByTestId('settings-timings-save').click();
  await expect(settings.getByTestId('settings-quarantine-hours')).toHaveAttribute('aria-invalid', 'true');
  await settings.getByTestId('settings-quarantine-hours').fill('48');
  await settings.getByTestId('settings-timings-save').click();
  await expect(settings.getByTestId('settings-timings-status')).toHaveAttribute('data-state', 'saved');

  // Editing a customer text keeps the old version for the proof.
  const tpl = settings.locator('[data-testid="template"][data-key="consent_request"][data-locale="de"]');
  await expect(tpl.getByTestId('template-text')).not.toHaveValue('');
  const original = await tpl.getByTestId('template-text').inputValue();
  await tpl.getByTestId('template-text').fill(`${original}\n\nRadhaus Weber, Ihr Fahrradladen.`);
  await tpl.getByTestId('template-save').click();
  await expect(tpl.getByTestId('template-status')).toHaveAttribute('data-state', 'saved');
  await tpl.getByTestId('template-history').locator('summary').click();
  await expect(tpl.getByTestId('template-version')).toHaveCount(2);
  await expect(tpl.getByTestId('template-version').first()).toHaveAttribute('data-version', '2');
  await tpl.scrollIntoViewIfNeeded();
  await shot(page, 'settings-templates');

  // The import needs proof per row; a row without it is reported with its line.
  await settings.getByTestId('import-text').fill('phone,purpose,source,reference,date\n+4915111122233,service,paper_form,Formular Kundenkarte,2024-03-01\n+4915111122244,service,,F2,2024-03-01');
  await settings.getByTestId('import-run').click();
  const result = settings.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-imported', '1');
  await expect(result.getByTestId('import-errors')).toContainText('Zeile 3');

  await settings.getByTestId('settings-shop').scrollIntoViewIfNeeded();
  await shot(page, 'settings');
  await noSeriousViolations(page);
  await settings.getByTestId('settings-close').click();
  await expect(settings).toHaveCount(0);
});

test('a question before consent waits in quarantine and appears live once the customer says JA', async ({ page }) => {
  const s = serve();
  const phone = '+4915155544433';
  await page.goto(s.url);
  await s.simSend(phone, 'Haben Sie noch Schläuche für 28 Zoll?');

  const contactRow = page.locator(`[data-testid="contact-row"][data-phone="${phone}"]`);
  await expect(contactRow.getByTestId('consent-badge')).toHaveAttribute('data-kind', 'requested');
  await contactRow.click();

  // Staff sees that someone waits, not what they wrote, and cannot write yet.
  const locked = page.getByTestId('composer-locked');
  await expect(locked).toHaveAttribute('data-lock', 'quarantine');
  await expect(locked.getByTestId('composer-lock-reason')).toContainText('Wartet auf Einwilligung seit');
  await expect(page.getByTestId('composer-input')).toBeDisabled();
  await expect(page.getByTestId('thread')).not.toContainText('Schläuche');
  await shot(page, 'composer-waiting');

  await s.simSend(phone, 'ja!');
  await expect(page.getByTestId('thread')).toContainText('Haben Sie noch Schläuche für 28 Zoll?');
  await expect(page.getByTestId('composer-locked')).toHaveCount(0);
  await expect(page.getByTestId('composer-input')).toBeEnabled();
  await expect(page.getByTestId('conversation').getByTestId('consent-badge')).toHaveAttribute('data-kind', 'service');
});
