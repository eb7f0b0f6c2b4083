import type { Locale } from '../../contract';
import { CONSENT_HOLD_REASONS, type Carrier, type CaseHistoryEntry, type CaseNotification, type CaseStatus, type CaseType, type CaseView } from '../../contract/cases';
import type { CaseHistoryRow, CaseListRow } from '../../store/cases-repo';
import { trackingLink } from './tracking';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const CONSENT_REASONS = new Set(CONSENT_HOLD_REASONS);

/** A case row as every UI and the local API see it. */
export function toCaseView(
  row: CaseListRow,
  ctx: { locale: Locale; now: number; canSendNow: (contactId: number) => boolean },
): CaseView {
  const notice = row.last_notice ? (JSON.parse(row.last_notice) as CaseNotification) : null;
  return {
    id: row.id,
    number: row.number,
    type: row.type as CaseType,
    status: row.status as CaseStatus,
    phone: row.phone,
    contactId: row.contact_id,
    customerName: row.contact_name ?? row.push_name,
    title: row.title,
    reference: row.reference,
    promisedAt: iso(row.promised_at),
    pickupUntil: iso(row.pickup_until),
    carrier: row.carrier as Carrier | null,
    trackingNumber: row.tracking_number,
    trackingLink: trackingLink(row.carrier as Carrier | null, row.tracking_number, ctx.locale),
    appointmentAt: iso(row.appointment_at),
    open: row.open === 1,
    overdue: row.open === 1 && row.deadline_at !== null && row.deadline_at < ctx.now,
    notification: notice,
    // A status held back for lack of consent can go out once the customer has opted in.
    canSendCurrent:
      notice?.state === 'not_sent' && CONSENT_REASONS.has(notice.reason ?? '') && row.contact_id !== null && ctx.canSendNow(row.contact_id),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export const toHistoryEntry = (h: CaseHistoryRow): CaseHistoryEntry => ({
  at: new Date(h.at).toISOString(),
  from: h.from_status as CaseStatus | null,
  to: h.to_status as CaseStatus,
  actor: h.actor,
  note: h.note,
  notification: h.notice ? (JSON.parse(h.notice) as CaseNotification) : null,
});
