import Papa from 'papaparse';
import { randomUUID } from 'node:crypto';
import { CaseFields, CaseStatus, CaseType, type ImportPreview } from '../../contract/cases';
import { ApiError } from '../../contract/errors';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import { newCaseRow, type CaseRow } from '../../store/cases-repo';
import { phoneOrThrow } from '../phone';
import { CASE_NUMBER_RE, CASE_PREFIX, formatCaseNumber, stripJoin } from './case-fields';
import type { CaseService } from './service';
import { localDay } from './shop-time';
import { firstStatus, isClosed, isStatusOf } from './transitions';

/** Header names as shops write them (German or English, any case, with or without separators). */
const HEADERS: Record<string, string> = {
  number: 'number',
  nummer: 'number',
  vorgang: 'number',
  type: 'type',
  typ: 'type',
  art: 'type',
  phone: 'phone',
  telefon: 'phone',
  handy: 'phone',
  mobil: 'phone',
  reference: 'reference',
  referenz: 'reference',
  status: 'status',
  title: 'title',
  titel: 'title',
  promisedat: 'promisedAt',
  zugesagt: 'promisedAt',
  fertigbis: 'promisedAt',
  pickupuntil: 'pickupUntil',
  abholenbis: 'pickupUntil',
  appointmentat: 'appointmentAt',
  termin: 'appointmentAt',
  carrier: 'carrier',
  versender: 'carrier',
  trackingnumber: 'trackingNumber',
  sendungsnummer: 'trackingNumber',
};

interface ParsedRow {
  row: number;
  input: Record<string, string>;
  errors: { field: string; message: string }[];
  plan?: { existing?: CaseRow; row: CaseRow };
}

const MAX_ROWS = 5000;

/**
 * CSV import of cases: a preview with row errors, then one transaction.
 * An existing number updates that case (status and fields, recorded as
 * "import"); a new row creates a case. An import never notifies anyone.
 */
export class CaseImport {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
    private readonly clock: Clock,
    private readonly timeZone: () => string,
  ) {}

  preview(csv: string): ImportPreview {
    return this.summarise(this.parse(csv));
  }

  commit(csv: string, skipInvalid: boolean): { created: number; updated: number; preview: ImportPreview } {
    const rows = this.parse(csv);
    const preview = this.summarise(rows);
    if (preview.invalid > 0 && !skipInvalid) {
      const first = preview.errors[0]!;
      throw new ApiError('validation', `row ${first.row}: ${first.field}: ${first.message} (nothing imported)`, {
        field: `rows.${first.row}.${first.field}`,
      });
    }
    let created = 0;
    let updated = 0;
    const now = this.clock.now();
    const ids: string[] = [];
    this.store.tx(() => {
      for (const r of rows) {
        if (r.errors.length > 0 || !r.plan) continue;
        const { existing, row } = r.plan;
        const m = CASE_NUMBER_RE.exec(row.number);
        if (m) this.store.cases.raiseSequence(m[1]!, Number(m[2]), Number(m[3]));
        if (existing) {
          this.store.cases.update({ ...row, last_notice: existing.last_notice, updated_at: now });
          if (existing.status !== row.status) {
            this.store.cases.addHistory({
              case_id: row.id,
              at: now,
              from_status: existing.status,
              to_status: row.status,
              actor: 'import',
              note: null,
              notice: JSON.stringify({ state: 'not_sent', reason: 'import' }),
            });
          }
          updated++;
        } else {
          const number = row.number || '';
          const seqRow = number ? row : { ...row, number: this.nextNumber(row.type as CaseType, now) };
          this.store.cases.insert(seqRow);
          this.store.cases.addHistory({
            case_id: seqRow.id,
            at: now,
            from_status: null,
            to_status: seqRow.status,
            actor: 'import',
            note: null,
            notice: null,
          });
          created++;
        }
        ids.push(row.id);
      }
    });
    for (const id of ids) this.cases.emit(id);
    return { created, updated, preview };
  }

  private nextNumber(type: CaseType, now: number): string {
    const year = localDay(now, this.timeZone()).y;
    return formatCaseNumber(type, year, this.store.cases.nextSequence(CASE_PREFIX[type], year));
  }

  private parse(csv: string): ParsedRow[] {
    const text = csv.replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => HEADERS[h.trim().toLowerCase().replace(/[\s_\-.]/g, '')] ?? `?${h.trim()}`,
    });
    const fields = parsed.meta.fields ?? [];
    const unknown = fields.find((f) => f.startsWith('?'));
    if (unknown) throw new ApiError('validation', `csv: unknown column "${unknown.slice(1)}"`, { field: 'csv' });
    for (const need of ['type', 'phone']) {
      if (!fields.includes(need)) throw new ApiError('validation', `csv: the column "${need}" is missing`, { field: 'csv' });
    }
    if (parsed.data.length > MAX_ROWS) throw new ApiError('validation', `csv: more than ${MAX_ROWS} rows`, { field: 'csv' });
    const seen = new Set<string>();
    const now = this.clock.now();
    return parsed.data.map((input, i) => {
      const row = i + 2; // line 1 is the header
      const out: ParsedRow = { row, input, errors: [] };
      const fail = (field: string, message: string) => out.errors.push({ field, message });
      for (const e of parsed.errors.filter((e) => e.row === i)) fail('csv', e.message);
      const get = (k: string) => (input[k] ?? '').trim();
      const type = CaseType.safeParse(get('type'));
      if (!type.success) fail('type', `unknown type "${get('type')}"`);
      let phone = '';
      try {
        phone = phoneOrThrow(get('phone'));
      } catch (err) {
        fail('phone', err instanceof Error ? err.message.replace(/^phone: /, '') : 'invalid');
      }
      const number = get('number');
      let existing: CaseRow | undefined;
      if (number) {
        const m = CASE_NUMBER_RE.exec(number);
        if (!m) fail('number', `"${number}" is not a case number like REP-2026-0042`);
        else if (type.success && m[1] !== CASE_PREFIX[type.data]) fail('number', `${m[1]} is not the prefix of ${type.data}`);
        if (seen.has(number)) fail('number', 'the number appears twice in the file');
        seen.add(number);
        const found = this.store.cases.byNumber(number);
        existing = found ? stripJoin(found) : undefined;
        if (existing && type.success && existing.type !== type.data) fail('type', `${number} is a ${existing.type} case`);
      }
      if (!type.success || out.errors.length > 0) return out;
      const status = get('status') || (existing?.status ?? firstStatus(type.data));
      if (!CaseStatus.safeParse(status).success || !isStatusOf(type.data, status)) {
        fail('status', `"${status}" is not a status of ${type.data}`);
        return out;
      }
      const typed = CaseFields.safeParse(
        Object.fromEntries(
          ['title', 'reference', 'promisedAt', 'pickupUntil', 'appointmentAt', 'carrier', 'trackingNumber']
            .filter((k) => get(k) !== '')
            .map((k) => [k, k === 'carrier' ? get(k).toLowerCase() : get(k)]),
        ),
      );
      if (!typed.success) {
        const issue = typed.error.issues[0]!;
        fail(String(issue.path[0] ?? 'row'), issue.message);
        return out;
      }
      try {
        const f = this.cases.fieldsFor(type.data, typed.data, existing, status as CaseStatus, {
          allowPast: isClosed(type.data, status as CaseStatus),
        });
        const base: CaseRow = existing ?? newCaseRow({ id: randomUUID(), number, type: type.data, status, phone, at: now });
        const next: CaseRow = {
          ...base,
          ...f,
          status,
          phone,
          title: typed.data.title ?? base.title,
          reference: typed.data.reference ?? base.reference,
        };
        this.cases.deriveRow(next);
        out.plan = { existing, row: next };
      } catch (err) {
        if (err instanceof ApiError) fail(err.field ?? 'row', err.message.replace(/^[a-zA-Z]+: /, ''));
        else throw err;
      }
      return out;
    });
  }

  private summarise(rows: ParsedRow[]): ImportPreview {
    const errors = rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })));
    return {
      rows: rows.map((r) => ({
        row: r.row,
        number: (r.input.number ?? '').trim() || null,
        type: (r.input.type ?? '').trim(),
        phone: (r.input.phone ?? '').trim(),
        status: r.plan?.row.status ?? (r.input.status ?? '').trim(),
        reference: (r.input.reference ?? '').trim() || null,
        valid: r.errors.length === 0,
      })),
      errors,
      valid: rows.filter((r) => r.errors.length === 0).length,
      invalid: rows.filter((r) => r.errors.length > 0).length,
    };
  }
}
