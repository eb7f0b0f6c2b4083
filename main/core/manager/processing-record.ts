import { rgb } from 'pdf-lib';
import type { ConsentSettings, ProcessingRecordView, RecordBlock } from '../../contract';
import { createTextPdf, PDF_GREY } from '../pdf-text';
import { escapeHtml } from '../../contract/text';

/** One retention period the record lists (what, how long, how it is enforced). */
export interface RetentionEntry {
  what: string;
  period: string;
  note?: string;
}

/** What the record is generated from: the settings as they are now. */
export interface RecordContext {
  settings: ConsentSettings;
  bot: { enabled: boolean; weeklyCap: number };
  /** Every retention period in force; other areas (retention, backups) add theirs through retention providers. */
  retention: readonly RetentionEntry[];
  generatedAt: Date;
}

/** A section of the record; the record is a list of them, so areas can add their own. */
export interface RecordSection {
  id: string;
  title: string;
  build(ctx: RecordContext): RecordBlock[];
}

/** The retention periods the consent settings define (the retention area adds chat, media, contacts, backups). */
export function consentRetention(settings: ConsentSettings): RetentionEntry[] {
  return [
    {
      what: 'Nachrichten vor der Einwilligung (Quarantäne)',
      period: `${settings.quarantineHours} Stunden`,
      note: 'werden ohne Einwilligung automatisch gelöscht; Mitarbeitende sehen sie nicht',
    },
    {
      what: 'Einwilligungsnachweis (Ereignisse, Worte des Kunden, gesendete Textversionen)',
      period: 'solange der Kontakt besteht',
      note: 'zum Nachweis nach Art. 7 Abs. 1 DSGVO; unveränderlich, als Hash-Kette gesichert',
    },
    {
      what: 'Hinweis zum erneuten Einwilligen nach STOP',
      period: `höchstens alle ${settings.reoptInNoticeDays} Tage`,
      note: 'keine Speicherfrist, sondern eine Sendegrenze',
    },
  ];
}

const line = (s: ConsentSettings) => (s.shop.phone ? s.shop.phone : 'noch nicht eingetragen');
const orMissing = (v: string) => (v.trim() === '' ? 'noch nicht eingetragen' : v);

export const DEFAULT_SECTIONS: readonly RecordSection[] = [
  {
    id: 'controller',
    title: '1. Verantwortlicher',
    build: ({ settings }) => [
      {
        kind: 'rows',
        rows: [
          ['Name', orMissing(settings.shop.name)],
          ['Anschrift', orMissing(settings.shop.address)],
          ['WhatsApp-Geschäftsnummer', line(settings)],
          ['Datenschutzerklärung', orMissing(settings.shop.privacyUrl)],
        ],
      },
      { kind: 'p', text: 'Verarbeitung: Kundenkommunikation über eine eigene WhatsApp-Geschäftsnummer mit der Software Tresen auf dem Kassen-PC des Geschäfts.' },
    ],
  },
  {
    id: 'purposes',
    title: '2. Zwecke und Rechtsgrundlagen',
    build: ({ bot }) => {
      const items = [
        'Kundenservice per WhatsApp (Anfragen, Aufträge, Reparaturen, Abholungen, Termine, Reklamationen) – Einwilligung, Art. 6 Abs. 1 lit. a DSGVO; soweit ein Auftrag besteht auch Art. 6 Abs. 1 lit. b DSGVO.',
        `Neuigkeiten und Angebote – gesonderte Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 7 Abs. 2 UWG), höchstens ${bot.weeklyCap} pro Person in 7 Tagen, jederzeit mit STOP widerrufbar.`,
        'Nachweis der Einwilligungen und Widerrufe – Art. 7 Abs. 1 und Art. 6 Abs. 1 lit. c DSGVO.',
      ];
      items.push(
        bot.enabled
          ? 'Automatische Antworten (Bot) auf häufige Fragen, als automatische Antwort gekennzeichnet; Übergabe an eine Person auf Wunsch – Teil des Kundenservice.'
          : 'Automatische Antworten (Bot): derzeit ausgeschaltet.',
      );
      return [{ kind: 'list', items }];
    },
  },
  {
    id: 'subjects',
    title: '3. Betroffene Personen und Datenkategorien',
    build: () => [
      { kind: 'p', text: 'Betroffene: Kundinnen und Kunden sowie Interessenten, die dem Geschäft über WhatsApp schreiben; Mitarbeitende des Geschäfts (Profile).' },
      {
        kind: 'list',
        items: [
          'Telefonnummer und WhatsApp-Kennungen',
          'Name (vom Geschäft vergeben) und der selbst gewählte WhatsApp-Profilname',
          'Inhalte der Nachrichten, Zeitpunkte und Zustellstatus',
          'Medien: Fotos, Dokumente, Sprachnachrichten',
          'Einwilligungen und Widerrufe: Zeitpunkt, Zweck, Worte des Kunden, Version des gesendeten Textes, Hash',
          'Aufträge: Art, Status, Referenz, Termine, Sendungsnummern',
          'Interne Notizen und Markierungen der Mitarbeitenden',
          'Mitarbeitende: Name, Rolle, PIN (nur als Hash)',
        ],
      },
    ],
  },
  {
    id: 'recipients',
    title: '4. Empfänger und Übermittlung in Drittländer',
    build: () => [
      {
        kind: 'list',
        items: [
          'Mitarbeitende des Geschäfts, nach Rollen (Mitarbeitende, Verwaltung).',
          'WhatsApp Ireland Limited, Dublin (Irland): Anbieter des Messengers; überträgt die Nachrichten Ende-zu-Ende-verschlüsselt und verarbeitet Metadaten (Telefonnummer, Zeitpunkte, Geräte).',
          'Meta Platforms, Inc. (USA) als Konzernmutter von WhatsApp: Übermittlung in ein Drittland (USA). Grundlage nach Angaben von Meta: Angemessenheitsbeschluss zum EU-US Data Privacy Framework (Art. 45 DSGVO) und Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO).',
          'Das Warenwirtschafts- oder Kassensystem des Geschäfts, soweit es über die lokale Schnittstelle angebunden ist (nur auf demselben Rechner erreichbar).',
        ],
      },
      { kind: 'p', text: 'Tresen selbst speichert alle Daten lokal auf dem Kassen-PC; es gibt keinen Cloud-Dienst von Tresen.' },
    ],
  },
  {
    id: 'retention',
    title: '5. Löschfristen',
    build: ({ retention }) => [
      { kind: 'rows', rows: retention.map((r) => [r.what, r.note ? `${r.period} – ${r.note}` : r.period] as [string, string]) },
      {
        kind: 'p',
        text: 'Auskunft (Art. 15 DSGVO) und Löschung (Art. 17 DSGVO) erledigt die Verwaltung für einzelne Kontakte; ein Widerruf (STOP) beendet jeden weiteren Versand sofort.',
      },
    ],
  },
  {
    id: 'measures',
    title: '6. Technische und organisatorische Maßnahmen (Art. 32 DSGVO)',
    build: () => [
      {
        kind: 'list',
        items: [
          'Verschlüsselung: Nachrichten auf dem Übertragungsweg Ende-zu-Ende (WhatsApp); die Datenbank liegt nur auf dem Kassen-PC, dessen Datenträger verschlüsselt sein soll (z. B. BitLocker); Sicherungen werden verschlüsselt.',
          'Rollen: Mitarbeitende können weder exportieren noch löschen, Einstellungen ändern oder Zugriffe einsehen; das prüft das Hauptprogramm bei jedem Aufruf.',
          'PINs: eigene PIN je Profil (gesalzen mit scrypt gespeichert), Sperre nach mehreren Fehlversuchen, automatische Bildschirmsperre bei Inaktivität.',
          'Lokale Schnittstelle nur auf 127.0.0.1 (Loopback), mit Schlüssel; nicht aus dem Netz erreichbar.',
          'Einwilligungskette: jedes Einwilligungsereignis ist unveränderlich gespeichert und mit dem vorigen per SHA-256 verkettet; „Kette prüfen“ erkennt Änderungen.',
          'Sende-Sperre: ohne passende Einwilligung verlässt keine Nachricht das Programm; Nachrichten vor der Einwilligung bleiben verborgen.',
          'Protokoll: Einsicht in Nachweise, Exporte, Löschungen und Änderungen der Einstellungen werden protokolliert.',
        ],
      },
    ],
  },
  {
    id: 'phone',
    title: '7. Vorgaben für das Geschäftshandy',
    build: () => [
      {
        kind: 'list',
        items: [
          'Keine Cloud-Sicherung der Chats (WhatsApp → Einstellungen → Chats → Chat-Backup: aus).',
          'Leeres Adressbuch: keine Kundinnen und Kunden als Kontakte im Telefon speichern.',
          'Medien nicht in der Galerie speichern (WhatsApp → Einstellungen → Chats → Medien-Sichtbarkeit: aus).',
          'Bildschirmsperre mit Code; das Handy bleibt im Geschäft und wird nur für diese Nummer genutzt.',
        ],
      },
    ],
  },
];

export const RECORD_TITLE = 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)';

/** Builds the record from the settings; `sections` may be extended by other areas. */
export function buildProcessingRecord(
  ctx: RecordContext,
  timeZone: string,
  sections: readonly RecordSection[] = DEFAULT_SECTIONS,
): Omit<ProcessingRecordView, 'html'> {
  const generated = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(ctx.generatedAt);
  return { title: RECORD_TITLE, generated, sections: sections.map((s) => ({ id: s.id, title: s.title, blocks: s.build(ctx) })) };
}

export { escapeHtml };

const blockHtml = (b: RecordBlock): string => {
  if (b.kind === 'p') return `<p>${escapeHtml(b.text)}</p>`;
  if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  return `<table>${b.rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
};

/** A complete printable HTML document; every value from the settings is escaped. */
export function processingRecordHtml(record: Omit<ProcessingRecordView, 'html'>, shopName: string): string {
  const css = `body{font:11pt/1.45 "DejaVu Sans",Arial,sans-serif;color:#111;max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #eee}
th{width:38%;font-weight:600}.meta{color:#555}@media print{body{margin:0}}`;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(record.title)} – ${escapeHtml(shopName)}</title><style>${css}</style></head>
<body><h1>${escapeHtml(record.title)}</h1>
<p class="meta">${escapeHtml(shopName)} · Stand: ${escapeHtml(record.generated)}</p>
${record.sections.map((s) => `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>${s.blocks.map(blockHtml).join('\n')}</section>`).join('\n')}
</body></html>
`;
}

/** The record as an A4 PDF (DejaVu Sans, as the consent proof). */
export async function processingRecordPdf(record: Omit<ProcessingRecordView, 'html'>, shopName: string): Promise<Uint8Array> {
  const pdf = await createTextPdf({ title: `${record.title} – ${shopName}`, lang: 'de-DE' });
  pdf.line(record.title, 16);
  pdf.gap(4);
  pdf.line(`${shopName} · Stand: ${record.generated}`, 10, 0, PDF_GREY);
  for (const s of record.sections) {
    pdf.gap(10);
    pdf.need(80);
    pdf.line(s.title, 13, 0, rgb(0.05, 0.2, 0.45));
    pdf.gap(2);
    for (const b of s.blocks) {
      if (b.kind === 'p') pdf.line(b.text);
      else if (b.kind === 'list') for (const i of b.items) pdf.line(`•  ${i}`, 10, 8);
      else
        for (const [k, v] of b.rows) {
          pdf.line(k, 10, 0);
          pdf.line(v, 10, 14, PDF_GREY);
        }
      pdf.gap(3);
    }
  }
  return pdf.save();
}
