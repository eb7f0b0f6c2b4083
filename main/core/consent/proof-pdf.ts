import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ConsentEventView, Locale } from '../../contract';
import { emojiFont, unicodeFont } from './fonts';

export interface ProofInput {
  shopName: string;
  contact: { phone: string; name: string | null };
  events: readonly ConsentEventView[];
  chain: { ok: boolean; checked: number };
  generatedAt: Date;
  timeZone: string;
  locale: Locale;
}

const L = {
  de: {
    title: 'Nachweis der Einwilligung',
    shop: 'Geschäft',
    contact: 'Kontakt',
    generated: 'Erstellt',
    chainOk: (n: number) => `Hash-Kette geprüft: unverändert (${n} Ereignisse insgesamt)`,
    chainBad: 'Hash-Kette geprüft: FEHLER — Ereignisse wurden verändert oder gelöscht',
    words: 'Worte des Kunden',
    note: 'Notiz',
    recorded: 'Erfasst von',
    how: 'Wie',
    when: 'Zeitpunkt laut Angabe',
    sent: 'Gesendeter Text',
    version: 'Version',
    hash: 'Ereignis-Hash',
    none: 'Keine Einwilligungsereignisse.',
    methods: { message: 'WhatsApp-Nachricht', in_person: 'persönlich', phone: 'telefonisch', letter: 'per Brief', import: 'importiert' },
    triggers: { message: 'Nachricht des Kunden', import: 'importiert', expiry: 'abgelaufen', staff: 'von Mitarbeitenden erfasst' },
    purposes: { service: 'Chat', marketing: 'Neuigkeiten/Angebote' },
  },
  en: {
    title: 'Proof of consent',
    shop: 'Shop',
    contact: 'Contact',
    generated: 'Generated',
    chainOk: (n: number) => `Hash chain checked: unchanged (${n} events in total)`,
    chainBad: 'Hash chain checked: ERROR — events were changed or deleted',
    words: "Customer's words",
    note: 'Note',
    recorded: 'Recorded by',
    how: 'How',
    when: 'Time as stated',
    sent: 'Text sent',
    version: 'Version',
    hash: 'Event hash',
    none: 'No consent events.',
    methods: { message: 'WhatsApp message', in_person: 'in person', phone: 'by phone', letter: 'by letter', import: 'imported' },
    triggers: { message: "customer's message", import: 'imported', expiry: 'expired', staff: 'recorded by staff' },
    purposes: { service: 'chat', marketing: 'news/offers' },
  },
} as const;

/** One contact's consent proof as an A4 PDF with embedded Unicode fonts (umlauts, emoji; other unknown glyphs as U+ codes). */
export async function proofPdf(input: ProofInput): Promise<Uint8Array> {
  const t = L[input.locale];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(unicodeFont(), { subset: true });
  const emojiBytes = emojiFont();
  const emoji = emojiBytes ? await doc.embedFont(emojiBytes, { subset: true }) : null;
  const known = new Set(font.getCharacterSet());
  const knownEmoji = new Set(emoji?.getCharacterSet() ?? []);
  // Text font first, the emoji font for what it lacks; anything else prints as its code point.
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
  doc.setTitle(`${t.title} ${input.contact.phone}`);
  doc.setCreator('Tresen');
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat(input.locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: input.timeZone }).format(new Date(iso));

  const [W, H, M] = [595.28, 841.89, 50];
  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const line = (text: string, size = 10, indent = 0, color = rgb(0.1, 0.1, 0.1)) => {
    for (const para of safe(text).split('\n')) {
      for (const row of wrap(para, (t) => width(t, size), W - 2 * M - indent)) {
        if (y < M + size) {
          page = doc.addPage([W, H]);
          y = H - M;
        }
        let x = M + indent;
        for (const r of runs(row)) {
          page.drawText(r.text, { x, y, size, font: r.font, color });
          x += r.font.widthOfTextAtSize(r.text, size);
        }
        y -= size * 1.35;
      }
    }
  };

  line(t.title, 18);
  y -= 6;
  line(`${t.shop}: ${input.shopName}`);
  line(`${t.contact}: ${input.contact.phone}${input.contact.name ? ` (${input.contact.name})` : ''}`);
  line(`${t.generated}: ${fmt(input.generatedAt.toISOString())}`);
  line(input.chain.ok ? t.chainOk(input.chain.checked) : t.chainBad, 10, 0, input.chain.ok ? rgb(0.1, 0.4, 0.1) : rgb(0.7, 0.1, 0.1));
  y -= 8;
  if (input.events.length === 0) line(t.none);
  for (const e of input.events) {
    y -= 4;
    line(`${fmt(e.at)} · ${t.purposes[e.purpose]}: ${e.from} → ${e.to} · ${t.triggers[e.trigger.kind]}${e.trigger.ref ? ` (${e.trigger.ref})` : ''}`, 11);
    if (e.words) line(`${t.words}: „${e.words}“`, 10, 12);
    if (e.method && e.trigger.kind === 'staff') line(`${t.how}: ${t.methods[e.method]}`, 10, 12);
    if (e.actorName) line(`${t.recorded}: ${e.actorName}`, 10, 12);
    if (e.occurredAt) line(`${t.when}: ${fmt(e.occurredAt)}`, 10, 12);
    if (e.note) line(`${t.note}: ${e.note}`, 10, 12);
    if (e.sentText) line(`${t.sent} (${t.version} ${e.policyVersion ?? '–'}, SHA-256 ${e.policyHash ?? '–'}):\n${e.sentText}`, 8, 12, rgb(0.3, 0.3, 0.3));
    line(`${t.hash}: ${e.hash}`, 7, 12, rgb(0.45, 0.45, 0.45));
  }
  return doc.save();
}

function wrap(text: string, measure: (text: string) => number, width: number): string[] {
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
    // A single word wider than the line (a hash, a link) is cut.
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
