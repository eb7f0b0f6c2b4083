import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, noSeriousViolations, shot, signIn, test, useServe } from './fixtures';

const serve = useServe();
const CUSTOMER = '+4915177001122';
const PNG_TEAL = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGPgk7qDFTGMSgwuCQBZeGm5Y8ZOSgAAAABJRU5ErkJggg==';

/** One second of a 440 Hz tone as 8 kHz 16-bit WAV, so the browser can play and time it. */
function wav(seconds = 1): Buffer {
  const rate = 8000;
  const n = rate * seconds;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), 44 + i * 2);
  return buf;
}

/** A short WebM video recorded from a canvas in the browser itself (no media files in the repo). */
async function webm(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    const stream = canvas.captureStream(15);
    const rec = new MediaRecorder(stream, { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((r) => (rec.onstop = r));
    rec.start();
    let f = 0;
    const timer = setInterval(() => {
      ctx.fillStyle = f++ % 2 ? '#0f6e66' : '#f0b429';
      ctx.fillRect(0, 0, 64, 48);
    }, 60);
    await new Promise((r) => setTimeout(r, 700));
    rec.stop();
    await done;
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

/** The simulated customer sends through the documented HTTP route. */
async function simPost(body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await fetch(`${serve().origin}/sim/customers/${encodeURIComponent(CUSTOMER)}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve().token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as { id: string };
}

const media = (mime: string, filename: string, data: Buffer) => ({ mime, filename, data: data.toString('base64') });

async function openChat(page: Page): Promise<void> {
  await page.goto(serve().url);
  await signIn(page);
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  await expect(page.getByTestId('thread')).toBeVisible();
}

async function axe(page: Page, include: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include(include).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

test('a customer sends every media kind; staff views, plays, opens and follows each', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serve().url);
  await simPost({ text: 'Hallo, ich habe eine Frage zu meiner Bestellung' });
  await simPost({ text: 'JA' });
  const video = await webm(page);
  await simPost({ text: 'Der Kratzer am Rahmen', media: media('image/png', 'kratzer.png', Buffer.from(PNG_TEAL, 'base64')) });
  await simPost({ media: media('image/png', 'rechnung-foto.png', Buffer.from(PNG_TEAL, 'base64')) });
  await simPost({ text: 'So klingt das Geräusch', media: media('video/webm', 'geraeusch.webm', video) });
  await simPost({ media: media('audio/wav', 'sprachnachricht.wav', wav()) });
  await simPost({ text: 'Die Rechnung', media: media('application/pdf', 'Rechnung-4711.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')) });
  await simPost({ location: { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz, Berlin' } });
  await simPost({ text: 'Mehr Infos hier: https://example.com/fahrrad?id=42' });

  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('message-location')).toBeVisible();
  await thread.evaluate((el) => (el.scrollTop = 0));
  await expect(thread.getByTestId('day-separator').first()).toContainText('Heute');

  // Photo: the viewer opens with zoom and next/previous; Esc closes and focus returns.
  await thread.getByTestId('message-image-open').first().click();
  const viewer = page.getByTestId('image-viewer');
  await expect(viewer.getByTestId('viewer-image')).toBeVisible();
  await expect(viewer).toContainText('Bild 1 von 2');
  await viewer.getByTestId('viewer-zoom-in').click();
  await expect(viewer.getByTestId('viewer-zoom')).toHaveText('150 %');
  await viewer.getByTestId('viewer-next').click();
  await expect(viewer).toContainText('Bild 2 von 2');
  await page.keyboard.press('ArrowLeft');
  await expect(viewer).toContainText('Bild 1 von 2');
  await shot(page, 'conversation-image-viewer');
  await axe(page, '[data-testid="image-viewer"]');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // Audio: duration shown, speed switches, it plays.
  const audio = thread.getByTestId('message-audio');
  await expect(audio.getByTestId('audio-duration')).toContainText('0:01');
  await audio.getByTestId('audio-speed').nth(2).click();
  await expect(audio.getByTestId('audio-speed').nth(2)).toHaveAttribute('aria-pressed', 'true');
  await audio.locator('audio').evaluate((el: HTMLAudioElement) => el.play());
  await expect.poll(() => audio.locator('audio').evaluate((el: HTMLAudioElement) => el.currentTime > 0 || el.ended)).toBe(true);
  expect(await audio.locator('audio').evaluate((el: HTMLAudioElement) => el.playbackRate)).toBe(2);

  // Video: plays in place.
  const player = thread.getByTestId('message-video');
  await player.scrollIntoViewIfNeeded();
  await expect.poll(() => player.evaluate((el: HTMLVideoElement) => el.readyState)).toBeGreaterThan(0);
  await player.evaluate((el: HTMLVideoElement) => {
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => player.evaluate((el: HTMLVideoElement) => el.currentTime > 0 || el.ended)).toBe(true);

  // Document: the card opens the file in a new tab and saves it.
  const doc = thread.getByTestId('message-document');
  await expect(doc).toContainText('Rechnung-4711.pdf');
  const popup = page.waitForEvent('popup');
  await doc.getByTestId('document-open').click();
  expect((await popup).url()).toMatch(/^blob:/);
  await (await popup).close();
  const download = page.waitForEvent('download');
  await doc.getByTestId('document-save').click();
  expect((await download).suggestedFilename()).toBe('Rechnung-4711.pdf');

  // Location: name and a link to OpenStreetMap.
  const place = thread.getByTestId('message-location');
  await expect(place).toContainText('Alexanderplatz, Berlin');
  await expect(place.getByTestId('location-link')).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=52\.52&mlon=13\.405/);

  // A link asks first and shows the full address; Cancel opens nothing.
  await thread.getByTestId('message-link').filter({ hasText: 'example.com' }).click();
  const dialog = page.getByTestId('link-dialog');
  await expect(dialog.getByTestId('link-url')).toHaveText('https://example.com/fahrrad?id=42');
  await axe(page, '[data-testid="link-dialog"]');
  await shot(page, 'conversation-link-dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await thread.getByTestId('message-link').filter({ hasText: 'example.com' }).click();
  await page.context().route('https://example.com/**', (route) => route.fulfill({ body: 'ok', contentType: 'text/plain' }));
  const opened = page.waitForEvent('popup');
  await dialog.getByTestId('link-open').click();
  expect((await opened).url()).toBe('https://example.com/fahrrad?id=42');
  // Opened without a way back into the app.
  expect(await (await opened).evaluate(() => window.opener)).toBeNull();
  await (await opened).close();

  // An internal note (here through the local API) shows inline, marked, and never reaches the phone.
  const res = await fetch(`${serve().origin}/api/v1/conversations/${encodeURIComponent(CUSTOMER)}/notes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve().token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'Kunde ist Stammkunde, Kulanz prüfen' }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const note = thread.getByTestId('note');
  await expect(note).toContainText('Interne Notiz – nur im Team sichtbar');
  await expect(note).toContainText('Kulanz prüfen');
  expect((await serve().simPhone(CUSTOMER)).some((m) => m.text.includes('Kulanz'))).toBe(false);

  await thread.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await shot(page, 'conversation-media-de');
  await thread.evaluate((el) => (el.scrollTop = 0));
  await shot(page, 'conversation-media-de-top');
  await axe(page, '[data-testid="conversation"]');
});

test('reply with quote arrives quoted on the phone; the phone replies quoted back', async ({ page }) => {
  await openChat(page);
  // The history is virtualized and opens at the bottom: the first question is only
  // in the page once staff scroll up to it.
  await page.getByTestId('thread').evaluate((el) => (el.scrollTop = 0));
  const question = page.getByTestId('message').filter({ hasText: 'Frage zu meiner Bestellung' });
  await question.hover();
  await question.getByTestId('message-reply').click();
  await expect(page.getByTestId('composer-reply')).toContainText('Frage zu meiner Bestellung');
  await page.getByTestId('composer-input').fill('Gern, worum geht es?');
  await page.keyboard.press('Enter');
  const sent = page.getByTestId('message').filter({ hasText: 'Gern, worum geht es?' });
  await expect(sent.getByTestId('message-quote')).toContainText('Frage zu meiner Bestellung');
  await expect(page.getByTestId('composer-reply')).toBeHidden();
  await expect
    .poll(async () => {
      const phone = (await serve().simPhone(CUSTOMER)) as Array<{ text: string; quote?: { text: string } }>;
      return phone.find((m) => m.text === 'Gern, worum geht es?')?.quote?.text ?? null;
    })
    .toContain('Frage zu meiner Bestellung');

  // The Kundenhandy panel replies to the shop's message with a photo.
  await page.getByTestId('sim-toggle').click();
  const sim = page.getByTestId('sim-panel');
  await sim.getByTestId('sim-customer-select').selectOption(CUSTOMER);
  const shopMsg = sim.getByTestId('sim-message').filter({ hasText: 'Gern, worum geht es?' });
  await shopMsg.getByTestId('sim-reply').click();
  await sim.getByTestId('sim-file-input').setInputFiles({ name: 'beleg.png', mimeType: 'image/png', buffer: Buffer.from(PNG_TEAL, 'base64') });
  await expect(sim.getByTestId('sim-attached')).toContainText('beleg.png');
  await sim.getByTestId('sim-input').fill('Um diesen Beleg');
  await sim.getByTestId('sim-send').click();
  const answer = page.getByTestId('conversation').getByTestId('message').filter({ hasText: 'Um diesen Beleg' });
  await expect(answer.getByTestId('message-quote')).toContainText('Gern, worum geht es?');
  await expect(answer.getByTestId('message-image')).toBeVisible();
  await expect(sim.getByTestId('sim-message').filter({ hasText: 'Um diesen Beleg' }).getByTestId('sim-file')).toContainText('beleg.png');
});

test('quick replies: created in settings (de and en), inserted via /shortcut with variables filled', async ({ page }) => {
  await page.goto(serve().url);
  // {staff} is the profile working at this window; {name} the customer's name as staff saved it.
  await signIn(page);
  await page.getByTestId('settings-open').click();
  // The settings view holds the keyboard: Tab wraps around inside it, and closing returns focus.
  const inSettings = () => page.evaluate(() => !!document.querySelector('[data-testid="settings"]')?.contains(document.activeElement));
  await expect.poll(inSettings).toBe(true);
  await page.keyboard.press('Shift+Tab');
  expect(await inSettings()).toBe(true);
  await page.keyboard.press('Tab');
  expect(await inSettings()).toBe(true);
  const section = page.locator('#settings-quickReplies');
  await section.scrollIntoViewIfNeeded();
  for (const [locale, shortcut, text] of [
    ['de', 'hallo', 'Guten Tag {name}, hier ist {staff} von {shop}. Wie kann ich helfen?'],
    ['de', 'oeffnungszeiten', 'Wir haben Mo–Fr 9–18 Uhr und Sa 9–14 Uhr geöffnet.'],
    ['en', 'hello', 'Hello {name}, this is {shop}.'],
  ] as const) {
    await section.getByTestId('quick-reply-add').click();
    await section.getByTestId('quick-reply-shortcut').fill(shortcut);
    await section.getByTestId('quick-reply-locale').selectOption(locale);
    await section.getByTestId('quick-reply-text').fill(text);
    await section.getByTestId('quick-reply-save').click();
    await expect(section.locator(`[data-testid="quick-reply-row"][data-shortcut="${shortcut}"]`)).toBeVisible();
  }
  // A duplicate shortcut is refused with a reason; nothing is lost.
  await section.getByTestId('quick-reply-add').click();
  await section.getByTestId('quick-reply-shortcut').fill('hallo');
  await section.getByTestId('quick-reply-text').fill('Doppelt');
  await section.getByTestId('quick-reply-save').click();
  await expect(section.getByTestId('quick-reply-error')).toBeVisible();
  await section.getByRole('button', { name: 'Abbrechen' }).click();
  await shot(page, 'settings-quick-replies-de');
  await axe(page, '#settings-quickReplies');
  // Delete one, edit nothing else.
  await section.locator('[data-testid="quick-reply-row"][data-shortcut="hello"]').getByTestId('quick-reply-delete').click();
  await expect(section.locator('[data-testid="quick-reply-row"][data-shortcut="hello"]')).toHaveCount(0);
  await page.getByTestId('settings-close').click();
  await expect(page.getByTestId('settings-open')).toBeFocused();

  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  await page.getByTestId('rename-start').click();
  await page.getByTestId('rename-input').fill('Frau Weber');
  await page.getByTestId('rename-save').click();
  await expect(page.getByTestId('conversation-name')).toContainText('Frau Weber');
  const input = page.getByTestId('composer-input');
  await input.fill('');
  await input.pressSequentially('/oeff');
  const picker = page.getByTestId('quick-reply-picker');
  await expect(picker.getByTestId('quick-reply-option')).toHaveCount(1);
  for (let i = 0; i < 4; i++) await input.press('Backspace');
  await expect(picker.getByTestId('quick-reply-option')).toHaveCount(2);
  await shot(page, 'conversation-quick-reply-picker');
  await axe(page, '[data-testid="conversation"]');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  await expect(picker.getByTestId('quick-reply-option').first()).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
  await expect(input).toHaveValue('Guten Tag Frau Weber, hier ist Inhaber von Fahrradladen Demo. Wie kann ich helfen?');
  await expect(input).not.toHaveValue(/\{(name|staff|shop)\}/);
  await expect(picker).toBeHidden();
  await input.press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'Wie kann ich helfen?' })).toBeVisible();
});

test('a draft survives a reload; the emoji picker inserts in German', async ({ page }) => {
  await openChat(page);
  const input = page.getByTestId('composer-input');
  await input.fill('Ihr Rad ist fertig ');
  await page.getByTestId('composer-emoji').click();
  const picker = page.getByTestId('emoji-picker');
  await expect(picker.locator('em-emoji-picker')).toBeAttached();
  const search = picker.locator('em-emoji-picker').locator('input[type="search"]');
  // emoji-mart's own German words (de.json) say "Suchen".
  await expect(search).toHaveAttribute('placeholder', 'Suchen');
  // emoji-mart translates its interface, but its search words are English.
  await search.fill('bicycle');
  // The search results come a moment later; choose the bicycle among them.
  await picker.locator('em-emoji-picker').locator('button[aria-label="🚲"]').first().click();
  await expect(input).toHaveValue('Ihr Rad ist fertig 🚲');
  await page.reload();
  // The tab keeps its profile across the reload (main remembers it for this tab).
  await expect(page.getByTestId('profile-current')).toHaveText('Inhaber');
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  await expect(page.getByTestId('composer-input')).toHaveValue('Ihr Rad ist fertig 🚲');
});

test('English and dark: the same conversation for screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(serve().url);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.locator(`[data-testid="contact-row"][data-phone="${CUSTOMER}"]`).click();
  await shot(page, 'conversation-media-dark');
  await noSeriousViolations(page);
  await page.getByTestId('language-switch').getByRole('button', { name: 'EN' }).click();
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByTestId('composer-send')).toContainText('Send');
  await page.getByTestId('thread').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await shot(page, 'conversation-media-en');
  // Back to German for whoever opens the app next.
  await page.getByTestId('language-switch').getByRole('button', { name: 'DE' }).click();
});
