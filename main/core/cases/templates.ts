import type { CaseStatus, CaseType } from '../../contract/cases';
import type { Locale } from '../../contract';

/** The variables a case message may use. */
export const CASE_VARIABLES = [
  'name',
  'case_number',
  'status',
  'promised_at',
  'pickup_until',
  'appointment_at',
  'tracking_link',
  'shop',
  'opening_hours',
] as const;
export type CaseVariable = (typeof CASE_VARIABLES)[number];
export type CaseVars = Record<CaseVariable, string>;

/** Reminder messages are templates too, under these keys. */
export const REMINDER_KEYS = ['appointment.reminder', 'pickup.reminder'] as const;

type Texts = Record<string, string>;

const de: Texts = {
  'repair.received': 'Hallo {name}, wir haben Ihre Reparatur {case_number} angenommen. Wir melden uns, sobald es Neuigkeiten gibt. {shop}',
  'repair.diagnosing': 'Hallo {name}, wir prüfen gerade Ihr Gerät ({case_number}). {shop}',
  'repair.waiting_for_parts':
    'Hallo {name}, für Ihre Reparatur {case_number} warten wir auf Ersatzteile. Voraussichtlich fertig: {promised_at}. {shop}',
  'repair.ready':
    'Hallo {name}, Ihre Reparatur {case_number} ist fertig und kann abgeholt werden. Öffnungszeiten: {opening_hours}. {shop}',
  'repair.collected': 'Danke für Ihren Besuch, {name}! Reparatur {case_number} abgeholt. {shop}',
  'pickup.ordered': 'Hallo {name}, Ihre Bestellung {case_number} ist eingegangen. Wir melden uns, wenn sie abholbereit ist. {shop}',
  'pickup.ready':
    'Hallo {name}, Ihre Bestellung {case_number} liegt zur Abholung bereit – bis {pickup_until}. Öffnungszeiten: {opening_hours}. {shop}',
  'pickup.collected': 'Danke für Ihre Abholung, {name}! ({case_number}) {shop}',
  'pickup.expired':
    'Hallo {name}, die Abholfrist für {case_number} ist abgelaufen. Bitte melden Sie sich, wenn Sie die Ware noch möchten. {shop}',
  'pickup.reminder':
    'Erinnerung: Ihre Bestellung {case_number} liegt noch bis {pickup_until} zur Abholung bereit. Öffnungszeiten: {opening_hours}. {shop}',
  'parcel.shipped': 'Hallo {name}, Ihr Paket {case_number} ist unterwegs. Sendungsverfolgung: {tracking_link} {shop}',
  'parcel.in_transit': 'Ihr Paket {case_number} ist auf dem Weg zu Ihnen: {tracking_link} {shop}',
  'parcel.out_for_delivery': 'Ihr Paket {case_number} wird heute zugestellt: {tracking_link} {shop}',
  'parcel.delivered': 'Ihr Paket {case_number} wurde zugestellt. Viel Freude damit! {shop}',
  'parcel.problem':
    'Hallo {name}, bei der Zustellung Ihres Pakets {case_number} gibt es ein Problem. Wir kümmern uns darum: {tracking_link} {shop}',
  'return.requested': 'Hallo {name}, wir haben Ihre Rücksendung {case_number} erhalten und prüfen sie. {shop}',
  'return.approved':
    'Hallo {name}, Ihre Rücksendung {case_number} ist genehmigt. Das Rücksendeetikett schicken wir Ihnen als PDF. {shop}',
  'return.declined': 'Hallo {name}, Ihre Rücksendung {case_number} können wir leider nicht annehmen. Bei Fragen schreiben Sie uns. {shop}',
  'return.received': 'Hallo {name}, Ihre Rücksendung {case_number} ist bei uns angekommen. {shop}',
  'return.refunded': 'Hallo {name}, der Betrag für Ihre Rücksendung {case_number} wurde erstattet. {shop}',
  'appointment.booked': 'Hallo {name}, Ihr Termin {case_number} am {appointment_at} ist eingetragen. {shop}',
  'appointment.confirmed': 'Hallo {name}, Ihr Termin {case_number} am {appointment_at} ist bestätigt. {shop}',
  'appointment.done': 'Danke für Ihren Besuch, {name}! {shop}',
  'appointment.cancelled': 'Hallo {name}, Ihr Termin {case_number} am {appointment_at} ist abgesagt. {shop}',
  'appointment.no_show': 'Hallo {name}, wir haben Sie zu Ihrem Termin {case_number} vermisst. Möchten Sie einen neuen vereinbaren? {shop}',
  'appointment.reminder': 'Erinnerung: Ihr Termin {case_number} ist morgen, {appointment_at}. {shop}',
  'complaint.open': 'Hallo {name}, wir haben Ihre Reklamation {case_number} aufgenommen. {shop}',
  'complaint.in_progress': 'Hallo {name}, wir bearbeiten Ihre Reklamation {case_number}. {shop}',
  'complaint.resolved': 'Hallo {name}, Ihre Reklamation {case_number} ist erledigt. Danke für Ihre Geduld! {shop}',
  'order.requested': 'Hallo {name}, danke für Ihr Foto! Wir prüfen Ihre Anfrage {case_number}. {shop}',
  'order.offered': 'Hallo {name}, wir haben ein Angebot zu Ihrer Anfrage {case_number}. {shop}',
  'order.confirmed': 'Hallo {name}, Ihre Bestellung {case_number} ist bestätigt. {shop}',
  'order.ready': 'Hallo {name}, Ihre Bestellung {case_number} liegt zur Abholung bereit. Öffnungszeiten: {opening_hours}. {shop}',
  'order.collected': 'Danke für Ihre Abholung, {name}! ({case_number}) {shop}',
  'order.cancelled': 'Hallo {name}, Ihre Bestellung {case_number} wurde storniert. {shop}',
};

const en: Texts = {
  'repair.received': "Hello {name}, we have received your repair {case_number}. We'll be in touch as soon as there is news. {shop}",
  'repair.diagnosing': 'Hello {name}, we are checking your device ({case_number}). {shop}',
  'repair.waiting_for_parts': 'Hello {name}, your repair {case_number} is waiting for parts. Expected to be ready: {promised_at}. {shop}',
  'repair.ready': 'Hello {name}, your repair {case_number} is ready for collection. Opening hours: {opening_hours}. {shop}',
  'repair.collected': 'Thank you for your visit, {name}! Repair {case_number} collected. {shop}',
  'pickup.ordered': "Hello {name}, we have received your order {case_number}. We'll let you know when it is ready. {shop}",
  'pickup.ready': 'Hello {name}, your order {case_number} is ready for pickup until {pickup_until}. Opening hours: {opening_hours}. {shop}',
  'pickup.collected': 'Thank you for picking up your order, {name}! ({case_number}) {shop}',
  'pickup.expired': 'Hello {name}, the pickup period for {case_number} has ended. Let us know if you still want it. {shop}',
  'pickup.reminder': 'Reminder: your order {case_number} is waiting for you until {pickup_until}. Opening hours: {opening_hours}. {shop}',
  'parcel.shipped': 'Hello {name}, your parcel {case_number} is on its way. Tracking: {tracking_link} {shop}',
  'parcel.in_transit': 'Your parcel {case_number} is on its way to you: {tracking_link} {shop}',
  'parcel.out_for_delivery': 'Your parcel {case_number} will be delivered today: {tracking_link} {shop}',
  'parcel.delivered': 'Your parcel {case_number} has been delivered. Enjoy! {shop}',
  'parcel.problem': 'Hello {name}, there is a problem delivering your parcel {case_number}. We are on it: {tracking_link} {shop}',
  'return.requested': 'Hello {name}, we have received your return request {case_number} and are checking it. {shop}',
  'return.approved': 'Hello {name}, your return {case_number} is approved. We are sending you the return label as a PDF. {shop}',
  'return.declined': 'Hello {name}, unfortunately we cannot accept your return {case_number}. Write to us with any questions. {shop}',
  'return.received': 'Hello {name}, your return {case_number} has arrived. {shop}',
  'return.refunded': 'Hello {name}, the amount for your return {case_number} has been refunded. {shop}',
  'appointment.booked': 'Hello {name}, your appointment {case_number} on {appointment_at} is booked. {shop}',
  'appointment.confirmed': 'Hello {name}, your appointment {case_number} on {appointment_at} is confirmed. {shop}',
  'appointment.done': 'Thank you for your visit, {name}! {shop}',
  'appointment.cancelled': 'Hello {name}, your appointment {case_number} on {appointment_at} is cancelled. {shop}',
  'appointment.no_show': 'Hello {name}, we missed you at your appointment {case_number}. Would you like a new one? {shop}',
  'appointment.reminder': 'Reminder: your appointment {case_number} is tomorrow, {appointment_at}. {shop}',
  'complaint.open': 'Hello {name}, we have recorded your complaint {case_number}. {shop}',
  'complaint.in_progress': 'Hello {name}, we are working on your complaint {case_number}. {shop}',
  'complaint.resolved': 'Hello {name}, your complaint {case_number} is resolved. Thank you for your patience! {shop}',
  'order.requested': 'Hello {name}, thanks for your photo! We are looking into your request {case_number}. {shop}',
  'order.offered': 'Hello {name}, we have an offer for your request {case_number}. {shop}',
  'order.confirmed': 'Hello {name}, your order {case_number} is confirmed. {shop}',
  'order.ready': 'Hello {name}, your order {case_number} is ready for pickup. Opening hours: {opening_hours}. {shop}',
  'order.collected': 'Thank you for picking up your order, {name}! ({case_number}) {shop}',
  'order.cancelled': 'Hello {name}, your order {case_number} has been cancelled. {shop}',
};

export const DEFAULT_CASE_TEMPLATES: Record<Locale, Texts> = { de, en };
export const templateKeys = (): string[] => Object.keys(de);
export const templateKey = (type: CaseType, status: CaseStatus | 'reminder'): string => `${type}.${status}`;

/** Status names as customers read them. */
export const STATUS_LABELS: Record<Locale, Record<CaseStatus, string>> = {
  de: {
    received: 'angenommen',
    diagnosing: 'in Prüfung',
    waiting_for_parts: 'wartet auf Teile',
    ready: 'abholbereit',
    collected: 'abgeholt',
    ordered: 'bestellt',
    expired: 'Abholfrist abgelaufen',
    shipped: 'versendet',
    in_transit: 'unterwegs',
    out_for_delivery: 'in Zustellung',
    delivered: 'zugestellt',
    problem: 'Problem',
    requested: 'angefragt',
    approved: 'genehmigt',
    declined: 'abgelehnt',
    refunded: 'erstattet',
    booked: 'gebucht',
    confirmed: 'bestätigt',
    done: 'erledigt',
    cancelled: 'storniert',
    no_show: 'nicht erschienen',
    open: 'offen',
    in_progress: 'in Bearbeitung',
    resolved: 'gelöst',
    offered: 'Angebot gesendet',
  },
  en: {
    received: 'received',
    diagnosing: 'diagnosing',
    waiting_for_parts: 'waiting for parts',
    ready: 'ready',
    collected: 'collected',
    ordered: 'ordered',
    expired: 'pickup period ended',
    shipped: 'shipped',
    in_transit: 'in transit',
    out_for_delivery: 'out for delivery',
    delivered: 'delivered',
    problem: 'problem',
    requested: 'requested',
    approved: 'approved',
    declined: 'declined',
    refunded: 'refunded',
    booked: 'booked',
    confirmed: 'confirmed',
    done: 'done',
    cancelled: 'cancelled',
    no_show: 'no-show',
    open: 'open',
    in_progress: 'in progress',
    resolved: 'resolved',
    offered: 'offer sent',
  },
};

/** Variables used in a text that are not known: the shop sees them before saving. */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(CASE_VARIABLES);
  return [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!).filter((v) => !known.has(v));
}

/**
 * Fills {variables}. An empty value leaves no dangling words behind it
 * ("Öffnungszeiten: ." stays readable but collapses doubled spaces), and the
 * result never starts or ends with whitespace.
 */
export function renderCaseTemplate(text: string, vars: Partial<CaseVars>): string {
  return text
    .replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in vars ? (vars[name as CaseVariable] ?? '') : whole))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([.,!?])/g, '$1')
    .trim();
}
