import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, shot, test, useServe } from './fixtures';

const serve = useServe();

async function grantedContact(page: Page, phone: string, answer: string) {
  await page.goto(serve().url);
  await serve().simSend(phone, 'START');
  await serve().simSend(phone, answer);
  const row = page.locator(`[data-testid="contact-row"][data-phone="${phone}"]`);
  await row.click();
  await expect(page.getByTestId('conversation').getByTestId('consent-badge')).toHaveAttribute('data-kind', 'service');
}

test('staff record a revocation the customer gave in person: who, how, a note; the composer locks and the proof shows it', async ({ page }) => {
  const PHONE = '+4916012345681';
  await grantedContact(page, PHONE, 'Ja gerne 👍');
  await page.getByTestId('consent-history-open').click();
  const panel = page.getByTestId('consent-panel');
  await expect(panel.getByTestId('consent-event-words').first()).toContainText('Ja gerne 👍');
  await panel.getByTestId('consent-revoke-open').click();
  const dialog = page.getByTestId('revocation-dialog');
  await dialog.getByTestId('revoke-method-in_person').check();
  await dialog.getByTestId('revoke-by').fill('Anna Tresen');
  await dialog.getByTestId('revoke-note').fill('Kunde sagte am Tresen: bitte keine Nachrichten mehr');
  await shot(page, 'consent-revocation-dialog');
  await dialog.getByTestId('revoke-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('composer-locked')).toHaveAttribute('data-lock', 'revoked');
  const latest = panel.getByTestId('consent-event').first();
  await expect(latest).toHaveAttribute('data-to', 'revoked');
  await expect(latest.getByTestId('consent-event-method')).toHaveText('persönlich');
  await expect(latest.getByTestId('consent-event-actor')).toHaveText('Anna Tresen');
  await expect(latest.getByTestId('consent-event-note')).toContainText('bitte keine Nachrichten mehr');
  await shot(page, 'consent-proof-revoked');
  // Exactly one confirmation reached the customer.
  await expect
    .poll(async () => (await serve().simPhone(PHONE)).filter((m) => m.direction === 'out' && m.text.startsWith('Ihr Widerruf ist gespeichert')).length)
    .toBe(1);
});

test('a stop word in a longer message asks staff, who record the revocation with one click', async ({ page }) => {
  const PHONE = '+4916012345682';
  await grantedContact(page, PHONE, 'JA');
  await serve().simSend(PHONE, 'Hallo, mein Rad ist noch nicht fertig und ich überlege ob ich STOP sage, was meint ihr dazu?');
  const review = page.getByTestId('revocation-review');
  await expect(review).toContainText('STOP sage');
  await review.getByTestId('revocation-review-record').click();
  const dialog = page.getByTestId('revocation-dialog');
  await dialog.getByTestId('revoke-by').fill('Ben');
  await dialog.getByTestId('revoke-save').click();
  await expect(page.getByTestId('composer-locked')).toHaveAttribute('data-lock', 'revoked');
  await expect(page.getByTestId('revocation-review')).toHaveCount(0);
});

test('"Nachweis als PDF" downloads one contact\'s proof with the customer\'s own words in it', async ({ page }) => {
  const PHONE = '+4916012345683';
  await grantedContact(page, PHONE, 'ja, ich stimme zu');
  await page.getByTestId('consent-history-open').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('consent-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/^nachweis-\d+\.pdf$/);
  const path = await download.path();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)) }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
  }
  expect(text).toContain('ja, ich stimme zu');
  expect(text).toContain('Nachweis der Einwilligung');
  expect(text).toContain(PHONE);
});

test('the English UI names the word the customer was asked for', async ({ page }) => {
  const PHONE = '+4916012345684';
  await page.goto(serve().url);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await serve().simSend(PHONE, 'Hallo');
  await page.locator(`[data-testid="contact-row"][data-phone="${PHONE}"]`).click();
  // The customer was asked in German (the shop's language), so staff wait for "JA".
  await expect(page.getByTestId('composer-lock-reason')).toContainText('Waiting for consent');
  await expect(page.getByTestId('composer-lock-reason')).toContainText('“JA”');
  await expect(page.getByTestId('composer-lock-reason')).not.toContainText('YES');
});
