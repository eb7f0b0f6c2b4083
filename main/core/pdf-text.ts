import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { loadFontkit } from './fontkit';
import { emojiFont, unicodeFont } from './consent/fonts';

/** A flowing A4 text document with embedded Unicode fonts (DejaVu Sans, Noto Emoji for what it lacks). */
export interface TextPdf {
  readonly doc: PDFDocument;
  /** Writes text wrapped to the page width (new pages as needed); `\n` starts a new row. */
  line(text: string, size?: number, indent?: number, color?: RGB): void;
  /** Vertical space in points. */
  gap(points: number): void;
  /** Starts a new page unless this much room is left (keeps a heading with its first lines). */
  need(points: number): void;
  save(): Promise<Uint8Array>;
}

export const PDF_GREY = rgb(0.3, 0.3, 0.3);

/**
 * Opens an A4 document for text. Text font first, the emoji font for what it
 * lacks; any other character prints as its code point ([U+…]).
 */
export async function createTextPdf(meta: { title: string; lang?: string }): Promise<TextPdf> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(await loadFontkit());
  const font = await doc.embedFont(unicodeFont(), { subset: true });
  const emojiBytes = emojiFont();
  const emoji = emojiBytes ? await doc.embedFont(emojiBytes, { subset: true }) : null;
  const known = new Set(font.getCharacterSet());
  const knownEmoji = new Set(emoji?.getCharacterSet() ?? []);
  const safe = (s: string) =>
    [...s.replace(/\r/g, '').replace(/[\uFE0E\uFE0F\u200D]/g, '')]
      .map((ch) => {
        const cp = ch.codePointAt(0)!;
        return ch === '\n' || known.has(cp) || knownEmoji.has(cp) ? ch : `[U+${cp.toString(16).toUpperCase()}]`;
      })
      .join('');
  const runs = (text: string): { text: string; font: PDFFont }[] => {
    const out: { text: string; font: PDFFont }[] = [];
    for (const ch of text) {
      const f = known.has(ch.codePointAt(0)!) || !emoji ? font : emoji;
      const last = out.at(-1);
      if (last && last.font === f) last.text += ch;
      else out.push({ text: ch, font: f });
    }
    return out;
  };
  const width = (text: string, size: number) => runs(text).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  doc.setTitle(meta.title);
  doc.setCreator('Tresen');
  if (meta.lang) doc.setLanguage(meta.lang);

  const [W, H, M] = [595.28, 841.89, 50];
  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const newPageIfBelow = (needed: number) => {
    if (y < M + needed) {
      page = doc.addPage([W, H]);
      y = H - M;
    }
  };
  return {
    doc,
    line(text, size = 10, indent = 0, color = rgb(0.1, 0.1, 0.1)) {
      for (const para of safe(text).split('\n')) {
        for (const row of wrap(para, (t) => width(t, size), W - 2 * M - indent)) {
          newPageIfBelow(size);
          let x = M + indent;
          for (const r of runs(row)) {
            page.drawText(r.text, { x, y, size, font: r.font, color });
            x += r.font.widthOfTextAtSize(r.text, size);
          }
          y -= size * 1.35;
        }
      }
    },
    gap(points) {
      y -= points;
    },
    need(points) {
      newPageIfBelow(points);
    },
    save: () => doc.save(),
  };
}

/** Splits a paragraph into rows no wider than `width`; a single word wider than a row (a hash, a link) is cut. */
export function wrap(text: string, measure: (text: string) => number, width: number): string[] {
  if (text === '') return [''];
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const next = row === '' ? word : `${row} ${word}`;
    if (measure(next) <= width) {
      row = next;
      continue;
    }
    if (row !== '') rows.push(row);
    row = word;
    while (measure(row) > width && row.length > 1) {
      let cut = row.length - 1;
      while (cut > 1 && measure(row.slice(0, cut)) > width) cut--;
      rows.push(row.slice(0, cut));
      row = row.slice(cut);
    }
  }
  rows.push(row);
  return rows;
}
