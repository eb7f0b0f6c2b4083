import yazl from 'yazl';
import type { Locale } from '../../contract';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import type { ConsentEngine } from '../consent/engine';
import { proofPdf } from '../consent/proof-pdf';
import type { MediaStore } from '../media-store';
import { summaryHtml } from './summary-html';

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'text/plain': 'txt',
};

export interface AccessExportDeps {
  store: Store;
  consent: ConsentEngine;
  mediaStore: MediaStore;
  clock: Clock;
}

export interface AccessExport {
  fileName: string;
  zip: Buffer;
}

/**
 * GDPR Art. 15: everything Tresen holds about one contact, as a ZIP:
 * data.json (complete, machine-readable), summary.html (readable, in the
 * contact's language), media/<sha256>.<ext> (their files) and
 * consent-proof.pdf (the proof with the chain check).
 */
export async function accessExport(d: AccessExportDeps, contactId: number): Promise<AccessExport | undefined> {
  const { store, consent, mediaStore, clock } = d;
  const contact = store.contacts.byId(contactId);
  if (!contact) return undefined;
  const settings = consent.settings();
  const locale: Locale = contact.locale ?? settings.customerLocale;
  const now = clock.now();
  const events = consent.history(contactId);
  const chain = consent.verify();
  const messages = store.compliance.messagesOf(contactId);
  const notes = store.compliance.notesOf(contactId);
  const cases = store.compliance.casesOf(contact.phone);
  const notices = store.consent.noticesByContact(contactId);

  const files = new Map<string, string>();
  const fileOf = (sha: string | null, mime: string | null) => {
    if (!sha) return null;
    const name = `media/${sha}.${EXT[mime ?? ''] ?? 'bin'}`;
    files.set(sha, name);
    return name;
  };
  const data = {
    format: 'tresen-access-export/1',
    generatedAt: new Date(now).toISOString(),
    controller: { shop: settings.shop.name },
    contact: {
      phone: contact.phone,
      name: contact.name,
      pushName: contact.push_name,
      locale: contact.locale ?? null,
      createdAt: new Date(contact.created_at).toISOString(),
      messengerIds: store.contacts.addresses(contactId),
      legalHold: store.compliance.legalHold(contactId) !== null,
    },
    consent: {
      chain: { ok: chain.ok, checked: chain.checked },
      events,
      notices: notices.map((n) => ({ kind: n.kind, words: n.words, sentText: n.sent_text, at: new Date(n.at).toISOString() })),
    },
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      type: m.type,
      body: m.body,
      author: m.author,
      authorName: m.author_name,
      status: m.status,
      purpose: m.purpose,
      heldBackForConsent: m.quarantined === 1,
      createdAt: new Date(m.created_at).toISOString(),
      file: m.sha256 ? { path: fileOf(m.sha256, m.mime), mime: m.mime, size: m.size, originalName: m.file_name } : null,
    })),
    notes: notes.map((n) => ({ authorName: n.author_name, body: n.body, createdAt: new Date(n.created_at).toISOString() })),
    cases: cases.map((c) => ({
      number: c.number,
      type: c.type,
      status: c.status,
      title: c.title,
      reference: c.reference,
      createdAt: new Date(c.created_at).toISOString(),
      history: JSON.parse(c.history) as unknown[],
    })),
  };

  const zip = new yazl.ZipFile();
  const mtime = new Date(now);
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2), 'utf8'), 'data.json', { mtime });
  zip.addBuffer(
    Buffer.from(
      summaryHtml({
        locale,
        shopName: settings.shop.name,
        generatedAt: mtime,
        timeZone: settings.shop.timeZone,
        contact: { phone: contact.phone, name: contact.name, pushName: contact.push_name, createdAt: contact.created_at },
        consent: events.map((x) => ({ purpose: x.purpose, to: x.to, at: x.at, words: x.words ?? null, method: x.method ?? null })),
        chainOk: chain.ok,
        messages: messages.map((m) => ({
          direction: m.direction,
          body: m.body,
          createdAt: m.created_at,
          file: m.sha256 ? (files.get(m.sha256) ?? null) : null,
          authorName: m.author_name,
        })),
        notes: notes.map((n) => ({ body: n.body, authorName: n.author_name, createdAt: n.created_at })),
        cases: cases.map((c) => ({ number: c.number, type: c.type, status: c.status, title: c.title })),
      }),
      'utf8',
    ),
    'summary.html',
    { mtime },
  );
  for (const [sha, name] of files) {
    try {
      zip.addBuffer(await mediaStore.read(sha), name, { mtime, compress: false });
    } catch {
      // A file removed by retention meanwhile: data.json still names it.
    }
  }
  const pdf = await proofPdf({
    shopName: settings.shop.name,
    contact: { phone: contact.phone, name: contact.name },
    events,
    chain,
    generatedAt: mtime,
    timeZone: settings.shop.timeZone,
    locale,
  });
  zip.addBuffer(Buffer.from(pdf), 'consent-proof.pdf', { mtime, compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return { fileName: `auskunft-${contact.phone.replace(/\D/g, '')}-${mtime.toISOString().slice(0, 10)}.zip`, zip: Buffer.concat(chunks) };
}
