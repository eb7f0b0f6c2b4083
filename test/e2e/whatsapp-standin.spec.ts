import type { Page } from '@playwright/test';
import { expect, forbidDialogs, shot, startServe, test } from './fixtures';
import { oggOpus } from '../helpers/wa-standin/ogg-opus';
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

/** One second of a 440 Hz tone, encoded to Opus by the browser (WebCodecs): the packets of a voice note. */
async function opusPackets(page: Page): Promise<Buffer[]> {
  const packets = await page.evaluate(async () => {
    const out: string[] = [];
    const encoder = new AudioEncoder({
      output: (chunk) => {
        const bytes = new Uint8Array(chunk.byteLength);
        chunk.copyTo(bytes);
        let s = '';
        for (const b of bytes) s += String.fromCharCode(b);
        out.push(btoa(s));
      },
      error: (e) => {
        throw e;
      },
    });
    encoder.configure({ codec: 'opus', sampleRate: 48_000, numberOfChannels: 1, bitrate: 32_000 });
    const pcm = new Float32Array(48_000);
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.sin((2 * Math.PI * 440 * i) / 48_000) * 0.3;
    encoder.encode(new AudioData({ format: 'f32', sampleRate: 48_000, numberOfFrames: pcm.length, numberOfChannels: 1, timestamp: 0, data: pcm }));
    await encoder.flush();
    encoder.close();
    return out;
  });
  return packets.map((p) => Buffer.from(p, 'base64'));
}

/** A short MP4 video (as WhatsApp sends them) recorded from a canvas in the browser itself. */
async function mp4(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    const stream = canvas.captureStream(15);
    const rec = new MediaRecorder(stream, { mimeType: 'video/mp4' });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((r) => (rec.onstop = r));
    let f = 0;
    const draw = () => {
      ctx.fillStyle = f++ % 2 ? '#0f6e66' : '#f0b429';
      ctx.fillRect(0, 0, 64, 48);
    };
    draw();
    rec.start(200);
    const timer = setInterval(draw, 60);
    // At least 0.7 s, and on a busy machine until the encoder has produced something.
    await new Promise((r) => setTimeout(r, 700));
    for (let i = 0; i < 50 && !chunks.some((c) => c.size > 0); i++) await new Promise((r) => setTimeout(r, 200));
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

test('WhatsApp line on the real library: a customer’s voice note (Ogg Opus) and video play in the conversation', async ({ page }) => {
  test.setTimeout(180_000);
  forbidDialogs(page);
  const standIn = await StandIn.start();
  const serve = await startServe({
    demo: false,
    files: { 'line.json': JSON.stringify({ mode: 'whatsapp', browserPath: CHROMIUM }) },
    env: { TRESEN_WHATSAPP_BROWSER_ARGS: JSON.stringify(standIn.chromeArgs) },
  });
  const dataDir = serve.dataDir;
  const chat = '4915177001122@c.us';
  const t = () => Math.floor(Date.now() / 1000);
  // The type each blob URL was made with (the app's CSP keeps fetch away from blob: URLs).
  await page.addInitScript(() => {
    const make = URL.createObjectURL.bind(URL);
    const types: Record<string, string> = {};
    (window as unknown as { __blobTypes: Record<string, string> }).__blobTypes = types;
    URL.createObjectURL = (o: Blob | MediaSource) => {
      const url = make(o);
      if (o instanceof Blob) types[url] = o.type;
      return url;
    };
  });
  try {
    await page.goto(serve.url);
    const status = page.getByTestId('wa-status').first();
    await expect(status).toHaveAttribute('data-state', 'qr', { timeout: 60_000 });
    standIn.command('scan');
    await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
    const voice = oggOpus(await opusPackets(page));
    const video = await mp4(page);
    expect(video.length, 'the recorded video has content').toBeGreaterThan(0);

    // The customer writes, is asked for consent on the phone, and agrees.
    standIn.arrive({ id: 'M1', chat, body: 'Hallo, ich schicke Ihnen das Geräusch', t: t(), notifyName: 'Kundin' });
    await standIn.waitForEvent((e) => e.kind === 'sent' && e.data['chat'] === chat, 'the consent question on the phone', 60_000);
    standIn.arrive({ id: 'M2', chat, body: 'JA', t: t() });
    standIn.arrive({ id: 'V1', chat, type: 'ptt', t: t(), media: { mimetype: 'audio/ogg; codecs=opus', data: voice, seconds: 1 } });
    standIn.arrive({ id: 'V2', chat, type: 'video', body: 'So klingt es', t: t(), media: { mimetype: 'video/mp4', filename: 'geraeusch.mp4', data: video } });

    await page.locator('[data-testid="contact-row"][data-phone="+4915177001122"]').click();
    const thread = page.getByTestId('thread');
    const audio = thread.getByTestId('message-audio');
    await expect(audio).toBeVisible({ timeout: 60_000 });

    // Voice note: a playable Ogg Opus source, its duration, and it plays.
    const el = audio.locator('audio');
    await expect.poll(() => el.evaluate((a: HTMLAudioElement) => a.src)).toMatch(/^blob:/);
    const type = await el.evaluate((a: HTMLAudioElement) => (window as unknown as { __blobTypes: Record<string, string> }).__blobTypes[a.src]);
    expect(type).toBe('audio/ogg; codecs=opus');
    expect(await el.evaluate((a: HTMLAudioElement, ty: string) => a.canPlayType(ty), type)).not.toBe('');
    await expect(audio.getByTestId('audio-duration')).toContainText('0:01');
    await el.evaluate((a: HTMLAudioElement) => a.play());
    await expect.poll(() => el.evaluate((a: HTMLAudioElement) => a.currentTime > 0 || a.ended)).toBe(true);

    // Video: plays in place.
    const player = thread.getByTestId('message-video');
    await player.scrollIntoViewIfNeeded();
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThan(0);
    await player.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime > 0 || v.ended)).toBe(true);
    await shot(page, 'whatsapp-standin-voice-video');

    // Staff opened the chat in Tresen: it is marked seen on the phone (read ticks for the customer).
    await standIn.waitForEvent((e) => e.kind === 'seen' && e.data['chat'] === chat, 'the chat marked seen on the phone', 30_000);

    // Another customer's chat, read on the shop's phone: it is no longer unread in Tresen.
    const other = '4917000000002@c.us';
    standIn.arrive({ id: 'O1', chat: other, body: 'Guten Tag', t: t() });
    await standIn.waitForEvent((e) => e.kind === 'sent' && e.data['chat'] === other, 'the consent question to the other customer', 60_000);
    standIn.arrive({ id: 'O2', chat: other, body: 'JA', t: t() });
    standIn.arrive({ id: 'O3', chat: other, body: 'Haben Sie heute offen?', t: t() });
    const otherRow = page.locator('[data-testid="contact-row"][data-phone="+4917000000002"]');
    await expect(otherRow.locator('.unread-pill')).toBeVisible({ timeout: 30_000 });
    standIn.readOnPhone(other);
    await expect(otherRow.locator('.unread-pill')).toBeHidden({ timeout: 30_000 });
  } finally {
    await serve.stop();
    await standIn.close();
  }
  for (let i = 0; i < 30 && chromiumProcessesUnder(dataDir).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(chromiumProcessesUnder(dataDir)).toEqual([]);
});
