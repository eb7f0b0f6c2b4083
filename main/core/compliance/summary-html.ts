import type { Locale } from '../../contract';
import { escapeHtml } from '../../contract/text';

export interface SummaryInput {
  locale: Locale;
  shopName: string;
  generatedAt: Date;
  timeZone: string;
  contact: { phone: string; name: string | null; pushName: string | null; createdAt: number };
  consent: { purpose: string; to: string; at: string; words: string | null; method: string | null }[];
  chainOk: boolean;
  messages: { direction: string; body: string; createdAt: number; file: string | null; authorName: string | null }[];
  notes: { body: string; authorName: string; createdAt: number }[];
  cases: { number: string; type: string; status: string; title: string }[];
}

const T = {
  de: {
    title: 'Auskunft über Ihre gespeicherten Daten',
    intro: (shop: string) =>
      `${shop} hat diese Auskunft nach Art. 15 DSGVO erstellt. Sie enthält alle Daten, die wir über Ihren WhatsApp-Kontakt gespeichert haben. Die vollständigen Daten stehen maschinenlesbar in data.json, Ihre Dateien im Ordner media, der Einwilligungsnachweis in consent-proof.pdf.`,
    generated: 'Erstellt am',
    contact: 'Kontakt',
    phone: 'Telefonnummer',
    name: 'Name',
    pushName: 'WhatsApp-Name',
    since: 'Kontakt seit',
    consent: 'Einwilligungen',
    purpose: 'Zweck',
    state: 'Stand',
    when: 'Zeitpunkt',
    words: 'Ihre Worte',
    chainOk: 'Der Nachweis ist unverändert (Hash-Kette geprüft).',
    chainBad: 'Achtung: die Prüfung des Nachweises hat Abweichungen gefunden.',
    messages: 'Nachrichten',
    from: 'Von',
    you: 'Sie',
    shopSide: 'Geschäft',
    text: 'Text',
    file: 'Datei',
    notes: 'Interne Notizen des Geschäfts',
    cases: 'Vorgänge',
    none: 'Keine.',
    purposes: { service: 'Service-Chat', marketing: 'Werbung (Newsletter)' } as Record<string, string>,
    states: { none: 'keine', requested: 'angefragt', granted: 'erteilt', revoked: 'widerrufen', expired: 'abgelaufen' } as Record<string, string>,
  },
  en: {
    title: 'Information about the data we hold about you',
    intro: (shop: string) =>
      `${shop} prepared this information under Art. 15 GDPR. It contains all data we hold about your WhatsApp contact. The complete data is in data.json (machine-readable), your files are in the media folder, the consent proof is consent-proof.pdf.`,
    generated: 'Prepared on',
    contact: 'Contact',
    phone: 'Phone number',
    name: 'Name',
    pushName: 'WhatsApp name',
    since: 'Contact since',
    consent: 'Consent',
    purpose: 'Purpose',
    state: 'State',
    when: 'Time',
    words: 'Your words',
    chainOk: 'The proof is unaltered (hash chain checked).',
    chainBad: 'Attention: the proof check found discrepancies.',
    messages: 'Messages',
    from: 'From',
    you: 'You',
    shopSide: 'Shop',
    text: 'Text',
    file: 'File',
    notes: "The shop's internal notes",
    cases: 'Cases',
    none: 'None.',
    purposes: { service: 'Service chat', marketing: 'Marketing (newsletter)' } as Record<string, string>,
    states: { none: 'none', requested: 'requested', granted: 'granted', revoked: 'revoked', expired: 'expired' } as Record<string, string>,
  },
} as const;

/** Every text that reaches the page goes through here. */
export { escapeHtml };

/** The readable part of the access export: plain HTML, no script, every value escaped, in the contact's language. */
export function summaryHtml(input: SummaryInput): string {
  const t = T[input.locale];
  const e = escapeHtml;
  const fmt = new Intl.DateTimeFormat(input.locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: input.timeZone });
  const time = (ms: number | string) => e(fmt.format(new Date(ms)));
  const table = (head: string[], rows: string[][]) =>
    rows.length === 0
      ? `<p>${e(t.none)}</p>`
      : `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const c = input.contact;
  return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<title>${e(t.title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td{white-space:pre-wrap;overflow-wrap:anywhere}
</style>
</head>
<body>
<h1>${e(t.title)}</h1>
<p>${e(t.intro(input.shopName))}</p>
<p>${e(t.generated)}: ${time(input.generatedAt.getTime())}</p>
<h2>${e(t.contact)}</h2>
${table([t.phone, t.name, t.pushName, t.since], [[e(c.phone), e(c.name ?? ''), e(c.pushName ?? ''), time(c.createdAt)]])}
<h2>${e(t.consent)}</h2>
<p>${e(input.chainOk ? t.chainOk : t.chainBad)}</p>
${table(
  [t.purpose, t.state, t.when, t.words],
  input.consent.map((x) => [e(t.purposes[x.purpose] ?? x.purpose), e(t.states[x.to] ?? x.to), time(x.at), e(x.words ?? '')]),
)}
<h2>${e(t.messages)}</h2>
${table(
  [t.when, t.from, t.text, t.file],
  input.messages.map((m) => [
    time(m.createdAt),
    e(m.direction === 'in' ? t.you : m.authorName ? `${t.shopSide} (${m.authorName})` : t.shopSide),
    e(m.body),
    m.file ? `<a href="${e(m.file)}">${e(m.file)}</a>` : '',
  ]),
)}
<h2>${e(t.notes)}</h2>
${table([t.when, t.from, t.text], input.notes.map((n) => [time(n.createdAt), e(n.authorName), e(n.body)]))}
<h2>${e(t.cases)}</h2>
${table(['Nr.', t.purpose, t.state, t.text], input.cases.map((x) => [e(x.number), e(x.type), e(x.status), e(x.title)]))}
</body>
</html>
`;
}
