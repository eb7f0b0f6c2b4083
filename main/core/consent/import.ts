import type { Purpose } from '../../contract';
import type { Store } from '../../store';
import { InvalidPhoneError, toE164 } from '../phone';
import type { ConsentEngine } from './engine';

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

const REQUIRED = ['phone', 'purpose', 'source', 'date'] as const;

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

/**
 * Imports customers who opted in elsewhere. Each row must carry its proof
 * (source and date); it is recorded as an import event with that reference.
 * Every row is its own transaction: a bad row is reported with its line
 * number and writes nothing, the good rows are kept.
 */
export function importConsentCsv(csv: string, store: Store, engine: ConsentEngine, now: number): ImportResult {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const sep = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const header = splitCsvLine(headerLine, sep).map((h) => h.toLowerCase());
  const result: ImportResult = { imported: 0, skipped: 0, errors: [] };
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    result.errors.push({ line: 1, message: `Kopfzeile unvollständig: es fehlt ${missing.join(', ')} (erwartet: phone,purpose,source,date).` });
    return result;
  }
  const col = (fields: string[], name: (typeof REQUIRED)[number]) => fields[header.indexOf(name)] ?? '';

  lines.slice(1).forEach((line, i) => {
    const lineNo = i + 2;
    if (line.trim() === '') return;
    const fields = splitCsvLine(line, sep);
    const fail = (message: string) => {
      result.errors.push({ line: lineNo, message });
      result.skipped++;
    };
    const source = col(fields, 'source');
    const date = col(fields, 'date');
    const purposeRaw = col(fields, 'purpose').toLowerCase();
    if (source === '') return fail('Quelle (source) fehlt: ohne Nachweis kein Import.');
    if (date === '') return fail('Datum (date) fehlt: ohne Nachweis kein Import.');
    if (!validDate(date, now)) return fail(`Datum "${date}" ist kein gültiges Datum (JJJJ-MM-TT, nicht in der Zukunft).`);
    if (purposeRaw !== 'service' && purposeRaw !== 'marketing') {
      return fail(`Zweck "${col(fields, 'purpose')}" ist unbekannt (service oder marketing).`);
    }
    const purpose = purposeRaw as Purpose;
    let phone: string;
    try {
      phone = toE164(col(fields, 'phone'));
    } catch (err) {
      if (err instanceof InvalidPhoneError) return fail(`Telefonnummer ungültig: ${err.message}`);
      throw err;
    }
    const outcome = store.tx((): 'imported' | 'already' | 'revoked' => {
      const contact = store.contacts.byPhone(phone) ?? store.contacts.create(phone, now);
      const state = engine.state(contact.id, purpose);
      if (state === 'granted') return 'already';
      if (state !== 'none') return 'revoked';
      engine.record(contact.id, purpose, 'none', 'granted', 'import', `${source}@${date}`, null);
      return 'imported';
    });
    if (outcome === 'imported') result.imported++;
    else if (outcome === 'already') result.skipped++;
    else fail(`${phone}: Zustand ist nicht "keine" – ein Import überschreibt keine Anfrage und keinen Widerruf.`);
  });
  return result;
}
