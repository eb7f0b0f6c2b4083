import Papa from 'papaparse';
import type { CsvField, Purpose } from '../../contract';
import type { Store } from '../../store';

const HEADERS: Record<CsvField, string> = {
  phone: 'phone',
  name: 'name',
  pushName: 'whatsapp_name',
  locale: 'language',
  serviceState: 'service_consent',
  marketingState: 'marketing_consent',
  consentSince: 'consent_since',
  createdAt: 'created_at',
  lastActivityAt: 'last_activity_at',
};

/** A spreadsheet would run a cell that starts like a formula: free text gets a leading apostrophe (OWASP CSV injection). */
const neutralise = (v: string | null): string => (v === null ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const iso = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());

/**
 * The contacts a CRM may receive: only those whose consent for the purpose is
 * granted now, only the fields the manager chose. Numbers stay E.164 (the
 * leading + is not a formula there: the column holds nothing else).
 */
export function contactsCsv(store: Store, purpose: Purpose, fields: readonly CsvField[], now: number): { fileName: string; csv: string; count: number } {
  const rows = store.compliance.consented(purpose);
  const unique = [...new Set(fields)];
  const data = rows.map((r) =>
    unique.map((f) => {
      switch (f) {
        case 'phone':
          return r.phone;
        case 'name':
          return neutralise(r.name);
        case 'pushName':
          return neutralise(r.push_name);
        case 'locale':
          return r.locale ?? '';
        case 'serviceState':
          return r.service_state;
        case 'marketingState':
          return r.marketing_state;
        case 'consentSince':
          return iso(r.since);
        case 'createdAt':
          return iso(r.created_at);
        case 'lastActivityAt':
          return iso(r.last_activity_at);
      }
    }),
  );
  const csv = Papa.unparse({ fields: unique.map((f) => HEADERS[f]), data }, { newline: '\r\n' });
  const day = new Date(now).toISOString().slice(0, 10);
  return { fileName: `kontakte-${purpose}-${day}.csv`, csv: `\uFEFF${csv}\r\n`, count: rows.length };
}
