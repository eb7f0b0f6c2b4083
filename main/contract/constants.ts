/**
 * The contract's plain values: lists and limits, no schemas. The renderer
 * imports its values from here, so the window never builds the zod schema
 * of every method at start (a tenth of a second of the bundle's first task);
 * the schema modules build their enums from these same lists and re-export
 * them under their usual names.
 */

/** The languages Tresen speaks, the first being the default. The only place this list is spelled. */
export const LOCALES = ['de', 'en'] as const;
export const DEFAULT_LOCALE = LOCALES[0];

export const CONSENT_STATES = ['none', 'requested', 'granted', 'revoked', 'expired'] as const;

/** Customer-facing texts the shop can edit; every change is a new version kept for the proof. */
export const TEMPLATE_KEYS = [
  'consent_request',
  'consent_confirmation',
  'marketing_request',
  'marketing_confirmation',
  'marketing_revoked',
  'revocation_confirmation',
  /** One short reply when an answer to a request is neither yes nor no. */
  'consent_clarify',
  /** After STOP: how to opt in again (at most once per reoptInNoticeDays). */
  'reopt_in_notice',
] as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const CASE_TYPES = ['repair', 'pickup', 'parcel', 'return', 'appointment', 'complaint', 'order'] as const;
type CaseTypeValue = (typeof CASE_TYPES)[number];

/** Every status of any case type, in the order the status filter lists them. */
export const CASE_STATUS_VALUES = [
  'received',
  'diagnosing',
  'waiting_for_parts',
  'ready',
  'collected',
  'ordered',
  'expired',
  'shipped',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'problem',
  'requested',
  'approved',
  'declined',
  'refunded',
  'booked',
  'confirmed',
  'done',
  'cancelled',
  'no_show',
  'open',
  'in_progress',
  'resolved',
  'offered',
] as const;

/** Every type's statuses, in the order of its main path, then its alternative ends. */
export const CASE_STATUSES = {
  repair: ['received', 'diagnosing', 'waiting_for_parts', 'ready', 'collected'],
  pickup: ['ordered', 'ready', 'collected', 'expired'],
  parcel: ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'problem'],
  return: ['requested', 'approved', 'received', 'refunded', 'declined'],
  appointment: ['booked', 'confirmed', 'done', 'cancelled', 'no_show'],
  complaint: ['open', 'in_progress', 'resolved'],
  order: ['requested', 'offered', 'confirmed', 'ready', 'collected', 'cancelled'],
} as const satisfies Record<CaseTypeValue, readonly (typeof CASE_STATUS_VALUES)[number][]>;

/** Why a status message was held back for lack of consent: sending it later is offered once the customer opts in. */
export const CONSENT_HOLD_REASONS: readonly string[] = ['no_contact', 'no_service_consent', 'consent_pending', 'consent_revoked'];

/** The optional typed fields of a case (title and reference: every type). */
export type CaseField = 'promisedAt' | 'pickupUntil' | 'carrier' | 'trackingNumber' | 'appointmentAt';
/** Which typed fields each type carries: the create form shows these, main refuses the others. */
export const CASE_FIELDS_BY_TYPE: Record<CaseTypeValue, readonly CaseField[]> = {
  repair: ['promisedAt'],
  pickup: ['pickupUntil'],
  parcel: ['carrier', 'trackingNumber'],
  return: ['carrier', 'trackingNumber'],
  appointment: ['appointmentAt'],
  complaint: [],
  order: ['promisedAt', 'pickupUntil'],
};

export const QUICK_REPLY_VARIABLES = ['name', 'shop', 'staff'] as const;

export const WEBHOOK_EVENTS = ['message.received', 'message.status', 'consent.changed', 'case.status'] as const;

export const SETUP_STEPS = ['shop', 'hours', 'manager', 'consent', 'line', 'poster'] as const;

/** Largest logo accepted (bytes). */
export const LOGO_MAX_BYTES = 512 * 1024;

/** Largest file staff can send (WhatsApp's own limit for photos, videos and audio). */
export const MAX_SEND_MEDIA_BYTES = 16 * 1024 * 1024;

/** Message text: never empty, bounded so one paste cannot fill the disk. */
export const MAX_MESSAGE_LENGTH = 4096;
