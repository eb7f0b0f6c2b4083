import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { loadFontkit } from '../fontkit';
import type { Locale } from '../../contract/locales';

export type LabelFormat = 'a4' | 'a6';

export interface LabelInput {
  format: LabelFormat;
  caseNumber: string;
  reference: string | null;
  shopName: string;
  shopAddress: string;
  /** Null when the shop does not know the name yet (the phone stands alone then). */
  customerName: string | null;
  customerPhone: string;
  locale: Locale;
  createdAt: Date;
}

const MM = 72 / 25.4;
const SIZES: Record<LabelFormat, [number, number]> = { a4: [210 * MM, 297 * MM], a6: [105 * MM, 148 * MM] };

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
/** DejaVu Sans (dejavu-fonts-ttf): the standard PDF fonts cannot print umlauts, ß or names in other scripts. */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontBytes) {
    const req = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'package.json'));
    const dir = join(req.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
    fontBytes = { regular: readFileSync(join(dir, 'DejaVuSans.ttf')), bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fontBytes;
}

/** A Code 128 barcode of the text as PNG (bwip-js), for embedding into the page. */
export async function code128Png(text: string): Promise<Buffer> {
  // Loaded on first use: bwip-js is 1.6 MB of code no start needs.
  const { default: bwipjs } = await import('bwip-js/node');
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: 4, height: 14, includetext: false, paddingwidth: 8, paddingheight: 4 });
}

const WORDS = {
  de: { title: 'Rücksendeetikett', to: 'An', from: 'Absender', caseNo: 'Vorgang', ref: 'Referenz', hint: 'Bitte gut sichtbar auf das Paket kleben.' },
  en: { title: 'Return label', to: 'To', from: 'From', caseNo: 'Case', ref: 'Reference', hint: 'Please attach clearly visible to the parcel.' },
};

/**
 * The return label: shop address (recipient), customer (sender), the case
 * number in large type and as a Code 128 barcode. A4 prints on plain paper,
 * A6 on label printers.
 */
export async function renderReturnLabel(input: LabelInput): Promise<Uint8Array> {
  const w = WORDS[input.locale];
  const doc = await PDFDocument.create();
  doc.registerFontkit(await loadFontkit());
  const { regular, bold } = fonts();
  const font = await doc.embedFont(regular, { subset: true });
  const fontBold = await doc.embedFont(bold, { subset: true });
  doc.setTitle(`${w.title} ${input.caseNumber}`);
  doc.setCreator('Tresen');
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  const [pw, ph] = SIZES[input.format];
  const page = doc.addPage([pw, ph]);
  // The label itself is A6-sized; on A4 it sits in the top-left quarter with a cut line.
  const lw = 105 * MM;
  const lh = 148 * MM;
  const ox = input.format === 'a4' ? 10 * MM : 0;
  const top = ph - (input.format === 'a4' ? 10 * MM : 0);
  const m = 7 * MM;
  const black = rgb(0, 0, 0);
  const grey = rgb(0.35, 0.35, 0.35);
  let y = top - m;
  const line = (text: string, size: number, f = font, color = black) => {
    y -= size * 1.25;
    for (const part of wrap(text, f, size, lw - 2 * m)) {
      page.drawText(part, { x: ox + m, y, size, font: f, color });
      y -= size * 1.25;
    }
    y += size * 1.25;
  };
  line(w.title, 16, fontBold);
  y -= 4 * MM;
  line(`${w.to}:`, 8, font, grey);
  line(input.shopName || '—', 12, fontBold);
  for (const l of input.shopAddress.split(/\r?\n|,\s*/).filter(Boolean)) line(l.trim(), 11);
  y -= 4 * MM;
  line(`${w.from}:`, 8, font, grey);
  if (input.customerName) {
    line(input.customerName, 11);
    line(input.customerPhone, 9, font, grey);
  } else line(input.customerPhone, 11);
  y -= 5 * MM;
  line(`${w.caseNo}: ${input.caseNumber}`, 14, fontBold);
  if (input.reference) line(`${w.ref}: ${input.reference}`, 9, font, grey);
  const png = await doc.embedPng(await code128Png(input.caseNumber));
  const bw = lw - 2 * m;
  const bh = Math.min((png.height / png.width) * bw, 30 * MM);
  y -= 5 * MM + bh;
  page.drawImage(png, { x: ox + m, y, width: bw, height: bh });
  y -= 4 * MM;
  line(input.caseNumber, 10, font);
  page.drawText(w.hint, { x: ox + m, y: top - lh + m, size: 7, font, color: grey });
  if (input.format === 'a4') {
    page.drawRectangle({ x: ox, y: top - lh, width: lw, height: lh, borderColor: grey, borderWidth: 0.5, borderDashArray: [3, 3] });
  }
  return doc.save();
}

/** Greedy word wrap for one line of text at a width. */
function wrap(text: string, font: { widthOfTextAtSize(t: string, s: number): number }, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && font.widthOfTextAtSize(next, size) > width) {
      out.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}
