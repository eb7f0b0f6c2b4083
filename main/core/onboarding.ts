import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatInternational } from './phone';
import QRCode from 'qrcode';
import type { ConsentSettings, Locale } from '../contract';
import { ApiError } from '../contract/errors';

/** The keyword the QR pre-fills: the first confirm word of the customer language. */
export function startKeyword(settings: ConsentSettings): string {
  return settings.keywords[settings.customerLocale].confirm[0] ?? 'START';
}

/** https://wa.me/<digits>?text=START for the shop's own line. */
export function waMeLink(settings: ConsentSettings): string {
  const digits = settings.shop.phone.replace(/\D/g, '');
  if (digits === '') {
    throw new ApiError(
      'validation',
      'Bitte zuerst die WhatsApp-Nummer des Geschäfts in den Einstellungen hinterlegen.',
      { field: 'shop.phone' },
    );
  }
  return `https://wa.me/${digits}?text=${encodeURIComponent(startKeyword(settings))}`;
}

export async function onboardingQr(settings: ConsentSettings): Promise<{ link: string; svg: string }> {
  const link = waMeLink(settings);
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { link, svg };
}

const POSTER_TEXT: Record<Locale, { headline: string; sub: string; notice: (kw: string) => string[] }> = {
  de: {
    headline: 'Schreiben Sie uns auf WhatsApp',
    sub: 'QR-Code scannen und die vorbereitete Nachricht absenden.',
    notice: (kw) => [
      `Mit "${kw}" erhalten Sie unsere Einwilligungsanfrage. Erst wenn Sie diese bestätigen,`,
      'schreiben wir Ihnen – zu Ihren Anfragen, Bestellungen, Reparaturen und Abholungen.',
      'Dabei verarbeiten wir und WhatsApp Ireland / Meta Platforms Ihre Nummer und',
      'die Chat-Inhalte. Einige Antworten kann ein Bot geben.',
      'Widerruf jederzeit mit STOP. Ohne Zustimmung löschen wir Ihre Nachrichten.',
    ],
  },
  en: {
    headline: 'Chat with us on WhatsApp',
    sub: 'Scan the QR code and send the prepared message.',
    notice: (kw) => [
      `Sending "${kw}" gets you our consent request. Only after you confirm it`,
      'do we write to you – about your requests, orders, repairs and pickups.',
      'We and WhatsApp Ireland / Meta Platforms process your number and the chat',
      'content. Some answers may come from a bot.',
      'Revoke at any time with STOP. Without consent your messages are deleted.',
    ],
  },
};

/** Standard PDF fonts know WinAnsi only; anything else would abort the poster. */
export function winAnsiSafe(font: PDFFont, text: string): string {
  return [...text]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return '?';
      }
    })
    .join('');
}

/** Draws a QR code for `text` as vector squares, its lower left corner at (x0, y0), `box` points wide. */
export function drawQr(page: PDFPage, text: string, x0: number, y0: number, box: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = box / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) {
        page.drawRectangle({ x: x0 + c * cell, y: y0 + box - (r + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }
}

/** A4 counter poster: headline, the QR drawn as vector squares, short notice, shop details. */
export async function onboardingPoster(settings: ConsentSettings, locale: Locale): Promise<{ fileName: string; pdfBase64: string }> {
  const link = waMeLink(settings);
  const texts = POSTER_TEXT[locale];
  const doc = await PDFDocument.create();
  doc.setTitle(`${settings.shop.name || 'Tresen'} – WhatsApp`);
  doc.setCreator('Tresen');
  const page = doc.addPage([595.28, 841.89]);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const { width } = page.getSize();
  const centre = (text: string, y: number, size: number, font: PDFFont) => {
    const t = winAnsiSafe(font, text);
    page.drawText(t, { x: (width - font.widthOfTextAtSize(t, size)) / 2, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  };

  centre(texts.headline, 760, 30, bold);
  centre(texts.sub, 728, 14, regular);

  const box = 320;
  const y0 = 380;
  drawQr(page, link, (width - box) / 2, y0, box);
  centre(formatInternational(settings.shop.phone), y0 - 28, 16, bold);

  let y = 300;
  for (const line of texts.notice(startKeyword(settings))) {
    centre(line, y, 11.5, regular);
    y -= 17;
  }
  y -= 20;
  if (settings.shop.name) centre(settings.shop.name, y, 16, bold);
  if (settings.shop.address) centre(settings.shop.address, y - 20, 11.5, regular);
  if (settings.shop.privacyUrl) {
    centre(`${locale === 'de' ? 'Datenschutz' : 'Privacy'}: ${settings.shop.privacyUrl}`, y - 40, 11.5, regular);
  }
  const bytes = await doc.save();
  return { fileName: locale === 'de' ? 'tresen-aushang.pdf' : 'tresen-poster.pdf', pdfBase64: Buffer.from(bytes).toString('base64') };
}
