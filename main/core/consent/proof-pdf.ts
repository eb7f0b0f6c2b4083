import { rgb } from 'pdf-lib';
import type { ConsentEventView, Locale } from '../../contract';
import { createTextPdf } from '../pdf-text';

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
  const pdf = await createTextPdf({ title: `${t.title} ${input.contact.phone}` });
  const line = pdf.line;
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat(input.locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: input.timeZone }).format(new Date(iso));

  line(t.title, 18);
  pdf.gap(6);
  line(`${t.shop}: ${input.shopName}`);
  line(`${t.contact}: ${input.contact.phone}${input.contact.name ? ` (${input.contact.name})` : ''}`);
  line(`${t.generated}: ${fmt(input.generatedAt.toISOString())}`);
  line(input.chain.ok ? t.chainOk(input.chain.checked) : t.chainBad, 10, 0, input.chain.ok ? rgb(0.1, 0.4, 0.1) : rgb(0.7, 0.1, 0.1));
  pdf.gap(8);
  if (input.events.length === 0) line(t.none);
  for (const e of input.events) {
    pdf.gap(4);
    line(`${fmt(e.at)} · ${t.purposes[e.purpose]}: ${e.from} → ${e.to} · ${t.triggers[e.trigger.kind]}${e.trigger.ref ? ` (${e.trigger.ref})` : ''}`, 11);
    if (e.words) line(`${t.words}: „${e.words}“`, 10, 12);
    if (e.method && e.trigger.kind === 'staff') line(`${t.how}: ${t.methods[e.method]}`, 10, 12);
    if (e.actorName) line(`${t.recorded}: ${e.actorName}`, 10, 12);
    if (e.occurredAt) line(`${t.when}: ${fmt(e.occurredAt)}`, 10, 12);
    if (e.note) line(`${t.note}: ${e.note}`, 10, 12);
    if (e.sentText) line(`${t.sent} (${t.version} ${e.policyVersion ?? '–'}, SHA-256 ${e.policyHash ?? '–'}):\n${e.sentText}`, 8, 12, rgb(0.3, 0.3, 0.3));
    line(`${t.hash}: ${e.hash}`, 7, 12, rgb(0.45, 0.45, 0.45));
  }
  return pdf.save();
}

