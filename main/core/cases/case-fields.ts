import { CASE_FIELDS_BY_TYPE, type CaseField, type CaseStatus, type CaseType } from '../../contract/cases';
import { ApiError } from '../../contract/errors';
import type { CaseListRow, CaseRow } from '../../store/cases-repo';
import { endOfLocalDate } from './shop-time';
import { isClosed } from './transitions';

/** Case numbers: a type prefix, the shop-local year and a per-year sequence (REP-2026-0042). */
export const CASE_PREFIX: Record<CaseType, string> = {
  repair: 'REP',
  pickup: 'PUP',
  parcel: 'PAR',
  return: 'RET',
  appointment: 'APT',
  complaint: 'CMP',
  order: 'ORD',
};
export const CASE_NUMBER_RE = /^(REP|PUP|PAR|RET|APT|CMP|ORD)-(\d{4})-(\d{4,})$/;
export const formatCaseNumber = (type: CaseType, year: number, seq: number): string =>
  `${CASE_PREFIX[type]}-${year}-${String(seq).padStart(4, '0')}`;

const TYPED_FIELDS: readonly CaseField[] = ['promisedAt', 'pickupUntil', 'carrier', 'trackingNumber', 'appointmentAt'];

export type CaseFieldColumns = Pick<CaseRow, 'promised_at' | 'pickup_until' | 'carrier' | 'tracking_number' | 'appointment_at'>;

/**
 * Validates and converts the typed fields; a field the type does not carry is
 * named in the error. A date-only value means the end of that day in the
 * shop's time zone.
 */
export function caseFieldsFor(
  type: CaseType,
  input: Partial<Record<CaseField, string | null | undefined>>,
  current: CaseRow | undefined,
  status: CaseStatus,
  ctx: { timeZone: string; now: number; allowPast?: boolean },
): CaseFieldColumns {
  const allowed = CASE_FIELDS_BY_TYPE[type];
  for (const f of TYPED_FIELDS) {
    if (input[f] !== undefined && input[f] !== null && !allowed.includes(f)) {
      throw new ApiError('validation', `${f}: a ${type} case has no ${f}`, { field: f });
    }
  }
  const date = (f: CaseField, keep: number | null): number | null => {
    const v = input[f];
    if (v === undefined) return keep;
    if (v === null) return null;
    const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? endOfLocalDate(v, ctx.timeZone) : Date.parse(v);
    if (!Number.isFinite(t)) throw new ApiError('validation', `${f}: not a valid date`, { field: f });
    return t;
  };
  const out = {
    promised_at: date('promisedAt', current?.promised_at ?? null),
    pickup_until: date('pickupUntil', current?.pickup_until ?? null),
    appointment_at: date('appointmentAt', current?.appointment_at ?? null),
    carrier: input.carrier === undefined ? (current?.carrier ?? null) : input.carrier,
    tracking_number: input.trackingNumber === undefined ? (current?.tracking_number ?? null) : input.trackingNumber,
  };
  // A reminder date in the past would never remind anyone: refused while the case still waits for it.
  if (!ctx.allowPast && !isClosed(type, status)) {
    for (const [f, col] of [
      ['appointmentAt', 'appointment_at'],
      ['pickupUntil', 'pickup_until'],
    ] as const) {
      if (input[f] !== undefined && out[col] !== null && out[col] < ctx.now) {
        throw new ApiError('validation', `${f}: the date is in the past`, { field: f });
      }
    }
  }
  if (type === 'appointment' && out.appointment_at === null) {
    throw new ApiError('validation', 'appointmentAt: an appointment needs a date and time', { field: 'appointmentAt' });
  }
  return out;
}

/** Sets `open` and the deadline the Cases view's "overdue" filter reads. */
export function deriveCaseRow(r: CaseRow): void {
  const type = r.type as CaseType;
  const status = r.status as CaseStatus;
  r.open = isClosed(type, status) ? 0 : 1;
  const before = (list: CaseStatus[]) => list.includes(status);
  r.deadline_at =
    type === 'repair' && before(['received', 'diagnosing', 'waiting_for_parts'])
      ? r.promised_at
      : type === 'order' && before(['requested', 'offered', 'confirmed'])
        ? r.promised_at
        : (type === 'pickup' || type === 'order') && before(['ordered', 'ready'])
          ? r.pickup_until
          : type === 'appointment' && before(['booked', 'confirmed'])
            ? r.appointment_at
            : null;
}

/** The case row without the joined contact columns. */
export function stripJoin(row: CaseListRow): CaseRow {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { contact_id, contact_name, push_name, ...rest } = row;
  return rest;
}
