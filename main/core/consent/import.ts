import { DOUBLE_OPT_IN_SOURCES, IMPORT_SOURCES, type Purpose } from '../../contract';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import { createHash } from 'node:crypto';
import type { EventBus } from '../event-bus';
import { InvalidPhoneError, toE164 } from '../phone';
import type { ConsentEngine } from './engine';

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: { line: number; message: string }[];
  importId?: number;
  sha256?: string;
  longestSliceMs?: number;
}

const REQUIRED = ['phone', 'purpose', 'source', 'reference', 'date'] as const;

/** One CSV line → fields; double quotes may wrap a field ("a,b"), "" is a quote. */
export function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

function validDate(s: string, now: number): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s && t <= now;
}

export interface ImportOptions {
  recordedBy: string;
  fileName: string | null;
  /** Target time per slice before yielding to the event loop. */
  sliceMs?: number;
  /** Called between slices (the default yields through setImmediate). */
  yieldNow?: () => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Why a number must not be imported (an erased person: only their own START brings them back), or null. */
  refuse?: (phone: string) => string | null;
}

const defaultYield = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports customers who opted in elsewhere. Each row carries its proof: a
 * source from IMPORT_SOURCES, a reference (form id, file name, ticket) and a
 * date not in the future; marketing only from a double opt-in. The import
 * itself is recorded (who, when, the file's SHA-256). Rows run in slices of
 * about `sliceMs`, yielding between them so inbound messages and the UI go on.
 * A bad row is reported with its line number and writes nothing.
 */
export async function importConsentCsv(
  csv: string,
  store: Store,
  engine: ConsentEngine,
  clock: Clock,
  opts: ImportOptions,
  bus?: EventBus,
): Promise<ImportResult> {
  const sliceMs = opts.sliceMs ?? 10;
  const yieldNow = opts.yieldNow ?? defaultYield;
  const now = clock.now();
  let longest = 0;
  let sliceStart = performance.now();
  const endSlice = async () => {
    longest = Math.max(longest, performance.now() - sliceStart);
    await yieldNow();
    sliceStart = performance.now();
  };

  const text = csv.replace(/^\uFEFF/, '');
  // Hash and cut into lines piece by piece, so no step holds the process for long.
  const hash = createHash('sha256');
  for (let at = 0; at < text.length; at += 256_000) {
    hash.update(text.slice(at, at + 256_000));
    if (performance.now() - sliceStart > sliceMs) await endSlice();
  }
  const sha256 = hash.digest('hex');
  const lines: string[] = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    lines.push(text.slice(at, end > at && text[end - 1] === '\r' ? end - 1 : end));
    at = end + 1;
    if ((lines.length & 1023) === 0 && performance.now() - sliceStart > sliceMs) await endSlice();
  }
  const headerLine = lines[0] ?? '';
  const sep = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const header = splitCsvLine(headerLine, sep).map((h) => h.toLowerCase());
  const result: ImportResult = { imported: 0, skipped: 0, errors: [], sha256 };
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    result.errors.push({ line: 1, message: `Kopfzeile unvollständig: es fehlt ${missing.join(', ')} (erwartet: ${REQUIRED.join(',')}).` });
    return result;
  }
  const importId = store.consent.startImport({ recordedBy: opts.recordedBy, fileName: opts.fileName, sha256, at: now });
  result.importId = importId;
  const col = (fields: string[], name: (typeof REQUIRED)[number]) => fields[header.indexOf(name)] ?? '';
  const created: number[] = [];
  const total = lines.length - 1;

  let i = 1;
  while (i < lines.length) {
    store.tx(() => {
      const t0 = performance.now();
      // At least one row per slice.
      do {
        importRow(lines[i]!, i + 1);
        i++;
      } while (i < lines.length && performance.now() - t0 < sliceMs);
    });
    // Announced after the commit, so the UI never shows a contact that is not there;
    // what does not fit into this slice's budget goes out after the next one.
    const e0 = performance.now();
    while (created.length > 0 && (performance.now() - e0 < sliceMs || i >= lines.length)) engine.emitContact(created.shift()!);
    opts.onProgress?.(i - 1, total);
    bus?.emit('consent.importProgress', { importId, done: i - 1, total });
    await endSlice();
  }
  store.consent.finishImport(importId, result.imported, result.skipped);
  result.longestSliceMs = Math.round(longest * 10) / 10;
  return result;

  function importRow(line: string, lineNo: number): void {
    if (line.trim() === '') return;
    const fields = splitCsvLine(line, sep);
    const fail = (message: string) => {
      result.errors.push({ line: lineNo, message });
      result.skipped++;
    };
    const source = col(fields, 'source');
    const reference = col(fields, 'reference');
    const date = col(fields, 'date');
    const purposeRaw = col(fields, 'purpose').toLowerCase();
    if (source === '') return fail('Quelle (source) fehlt: ohne Nachweis kein Import.');
    if (!(IMPORT_SOURCES as readonly string[]).includes(source)) {
      return fail(`Quelle "${source}" ist keine der erlaubten: ${IMPORT_SOURCES.join(', ')}.`);
    }
    if (reference === '') return fail('Beleg (reference: Formular-Nr., Dateiname, Ticket) fehlt: ohne Nachweis kein Import.');
    if (date === '') return fail('Datum (date) fehlt: ohne Nachweis kein Import.');
    if (!validDate(date, now)) return fail(`Datum "${date}" ist kein gültiges Datum (JJJJ-MM-TT, nicht in der Zukunft).`);
    if (purposeRaw !== 'service' && purposeRaw !== 'marketing') {
      return fail(`Zweck "${col(fields, 'purpose')}" ist unbekannt (service oder marketing).`);
    }
    const purpose = purposeRaw as Purpose;
    if (purpose === 'marketing' && !DOUBLE_OPT_IN_SOURCES.includes(source)) {
      return fail(`Werbe-Einwilligung nur aus einem Double-Opt-in (${DOUBLE_OPT_IN_SOURCES.join(', ')}), nicht aus "${source}".`);
    }
    let phone: string;
    try {
      phone = toE164(col(fields, 'phone'));
    } catch (err) {
      if (err instanceof InvalidPhoneError) return fail(`Telefonnummer ungültig: ${err.message}`);
      throw err;
    }
    const refused = opts.refuse?.(phone);
    if (refused) return fail(`${phone}: ${refused}`);
    const existing = store.contacts.byPhone(phone);
    const contact = existing ?? store.contacts.create(phone, now);
    if (!existing) created.push(contact.id);
    const state = engine.state(contact.id, purpose);
    if (state === 'granted') {
      result.skipped++;
      return;
    }
    if (state !== 'none') return fail(`${phone}: Zustand ist nicht "keine" – ein Import überschreibt keine Anfrage und keinen Widerruf.`);
    engine.record(contact.id, purpose, 'none', 'granted', 'import', `import#${importId}:${source}:${reference}@${date}`, null, {
      method: 'import',
      actorName: opts.recordedBy,
      note: `${source} · ${reference} · ${opts.fileName ?? '-'} · SHA-256 ${sha256}`,
      occurredAt: Date.parse(`${date}T00:00:00Z`),
    });
    result.imported++;
  }
}
