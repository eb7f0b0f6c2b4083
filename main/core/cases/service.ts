import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contract';
import type {
  CaseTemplates} from '../../contract/cases';
import {
  type CaseCreateInput,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseListInput,
  type CaseNotification,
  type CaseStatus,
  type CaseType,
  type CaseUpdateInput,
  type CaseView,
  type Carrier
} from '../../contract/cases';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { CaseListRow, CaseRow } from '../../store/cases-repo';
import type { ConsentHooks } from '../consent-hooks';
import type { EventBus } from '../event-bus';
import type { MediaStore } from '../media-store';
import type { Messaging, StoredMediaRef } from '../messaging';
import { InvalidPhoneError, toE164 } from '../phone';
import { toMessageView } from '../views';
import { renderReturnLabel, type LabelFormat } from './label';
import type { CaseShop } from './shop';
import { formatWhen } from './shop';
import { endOfLocalDate, formatOpeningHours, localDay } from './shop-time';
import {
  CASE_VARIABLES,
  DEFAULT_CASE_TEMPLATES,
  STATUS_LABELS,
  renderCaseTemplate,
  templateKey,
  templateKeys,
  unknownVariables,
  type CaseVars,
} from './templates';
import { checkTransition, firstStatus, isClosed, isStatusOf, movesFrom } from './transitions';
import { trackingLink } from './tracking';

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

/** Which optional fields each type carries (title and reference: all). */
export const FIELDS_BY_TYPE: Record<CaseType, readonly DateOrField[]> = {
  repair: ['promisedAt'],
  pickup: ['pickupUntil'],
  parcel: ['carrier', 'trackingNumber'],
  return: ['carrier', 'trackingNumber'],
  appointment: ['appointmentAt'],
  complaint: [],
  order: ['promisedAt', 'pickupUntil'],
};
type DateOrField = 'promisedAt' | 'pickupUntil' | 'carrier' | 'trackingNumber' | 'appointmentAt';
const TYPED_FIELDS: readonly DateOrField[] = ['promisedAt', 'pickupUntil', 'carrier', 'trackingNumber', 'appointmentAt'];

/** Reasons a status message was held back because of consent: sending it later is offered. */
const CONSENT_REASONS = new Set(['no_contact', 'no_service_consent', 'consent_pending', 'consent_revoked']);

const SETTINGS_KEY = 'cases.settings';
interface StoredSettings {
  templates?: CaseTemplates;
  autoSend?: Record<string, boolean>;
}

export interface CaseServiceDeps {
  store: Store;
  bus: EventBus;
  messaging: Messaging;
  consent: ConsentHooks;
  mediaStore: MediaStore;
  clock: Clock;
  logger: Logger;
  shop: () => CaseShop;
  /** The customer's language (the contact's own once known, else the shop's default). */
  locale: (contactId: number | null) => Locale;
}

type Actor = string;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Service cases: numbering, the transition tables, status messages through
 * the send gate, files and the return label. The only writer of the cases
 * tables; every customer message goes through Messaging (and so the gate and
 * the outbox).
 */
export class CaseService {
  constructor(private readonly d: CaseServiceDeps) {}

  // ---- reading ----

  get(id: string): CaseDetail {
    const row = this.row(id);
    const moves = movesFrom(row.type as CaseType, row.status as CaseStatus);
    const links = this.d.store.cases.links(id);
    const messages = links
      .filter((l) => l.message_id !== null)
      .map((l) => this.d.store.messages.byId(l.message_id!))
      .filter((m): m is NonNullable<typeof m> => m !== undefined && !m.quarantined)
      .map(toMessageView);
    const files = links
      .filter((l) => l.media_id !== null && l.role !== 'notification')
      .map((l) => ({
        role: l.role as 'attachment' | 'label',
        messageId: l.message_id,
        media: { id: l.media_id!, mime: l.media_mime!, size: l.media_size!, fileName: l.media_file_name },
        at: new Date(l.created_at).toISOString(),
      }));
    return {
      ...this.view(row),
      history: this.d.store.cases.history(id).map(
        (h): CaseHistoryEntry => ({
          at: new Date(h.at).toISOString(),
          from: h.from_status as CaseStatus | null,
          to: h.to_status as CaseStatus,
          actor: h.actor,
          note: h.note,
          notification: h.notice ? (JSON.parse(h.notice) as CaseNotification) : null,
        }),
      ),
      messages,
      files,
      next: moves.next,
      back: moves.back,
    };
  }

  list(input: CaseListInput): { items: CaseView[]; next: string | null } {
    const limit = input.limit ?? 50;
    let phone = input.phone ? phoneOrThrow(input.phone) : undefined;
    if (input.contactId !== undefined) {
      const contact = this.d.store.contacts.byId(input.contactId);
      if (!contact) return { items: [], next: null };
      phone = contact.phone;
    }
    const rows = this.d.store.cases.list({
      phone,
      type: input.type,
      status: input.status,
      open: input.open,
      overdueAt: input.overdue ? this.d.clock.now() : undefined,
      after: input.cursor ? decodeCursor(input.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
    return { items: page.map((r) => this.view(r)), next };
  }

  view(row: CaseListRow): CaseView {
    const notice = row.last_notice ? (JSON.parse(row.last_notice) as CaseNotification) : null;
    const locale = this.d.locale(row.contact_id);
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
      trackingLink: trackingLink(row.carrier as Carrier | null, row.tracking_number, locale),
      appointmentAt: iso(row.appointment_at),
      open: row.open === 1,
      overdue: row.open === 1 && row.deadline_at !== null && row.deadline_at < this.d.clock.now(),
      notification: notice,
      canSendCurrent:
        notice?.state === 'not_sent' &&
        CONSENT_REASONS.has(notice.reason ?? '') &&
        row.contact_id !== null &&
        this.d.consent.gate(row.contact_id, 'service', 'notification').allowed,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  // ---- writing ----

  create(input: CaseCreateInput, actor: Actor): CaseView {
    const now = this.d.clock.now();
    const type = input.type;
    const phone = phoneOrThrow(input.phone);
    const status = input.status ?? firstStatus(type);
    if (!isStatusOf(type, status)) {
      throw new ApiError('validation', `status: "${status}" is not a status of ${type}`, { field: 'status', allowed: [firstStatus(type)] });
    }
    const fields = this.fieldsFor(type, input, undefined, status);
    const shop = this.d.shop();
    const year = localDay(now, shop.clock.timeZone).y;
    const row = this.d.store.tx(() => {
      const seq = this.d.store.cases.nextSequence(CASE_PREFIX[type], year);
      const r: CaseRow = {
        id: randomUUID(),
        number: formatCaseNumber(type, year, seq),
        type,
        status,
        phone,
        title: input.title ?? '',
        reference: input.reference || null,
        ...fields,
        open: 1,
        deadline_at: null,
        last_notice: null,
        created_at: now,
        updated_at: now,
      };
      this.derive(r);
      this.d.store.cases.insert(r);
      this.d.store.cases.addHistory({ case_id: r.id, at: now, from_status: null, to_status: status, actor, note: null, notice: null });
      return r;
    });
    return this.emit(row.id);
  }

  /**
   * Status and field changes. The status change is kept even when the
   * message cannot go out (no consent): the answer says why not.
   */
  async update(input: CaseUpdateInput, actor: Actor): Promise<{ case: CaseView; notification: CaseNotification }> {
    const current = this.row(input.id);
    const type = current.type as CaseType;
    const from = current.status as CaseStatus;
    const to = input.status;
    const changes = to !== undefined && to !== from;
    if (changes) {
      const check = checkTransition(type, from, to, Boolean(input.note));
      if (!check.ok) {
        if (check.kind === 'note_required') {
          throw new ApiError('validation', `note: moving back from ${from} to ${to} is a correction and needs a note`, {
            field: 'note',
          });
        }
        throw new ApiError(
          'conflict',
          check.kind === 'unknown_status'
            ? `status: "${to}" is not a status of ${type}`
            : `status: ${from} → ${to} is not allowed`,
          { allowed: check.allowed },
        );
      }
    }
    const nextStatus = changes ? to : from;
    const fields = this.fieldsFor(type, input, current, nextStatus);
    const notify = changes && (input.notify ?? this.autoSend(type, nextStatus));
    // The label is rendered before the transaction (async); it is kept with the case even when it cannot be sent.
    const stored = changes && type === 'return' && nextStatus === 'approved' ? await this.storeLabel(current) : undefined;
    const label = stored?.ref;
    const now = this.d.clock.now();
    let notification: CaseNotification = { state: 'not_sent', reason: changes ? 'not_requested' : 'unchanged' };
    try {
      this.d.store.tx(() => {
        // Another change may have landed while the label was rendered: decide on the state as it is now.
        if (this.row(current.id).status !== from) {
          throw new ApiError('conflict', `status: the case changed meanwhile (now ${this.row(current.id).status})`, {
            allowed: movesFrom(type, this.row(current.id).status as CaseStatus).next,
          });
        }
        const r: CaseRow = { ...stripJoin(current), ...fields, status: nextStatus, updated_at: now };
        if (input.title !== undefined) r.title = input.title;
        if (input.reference !== undefined) r.reference = input.reference || null;
        this.derive(r);
        if (changes) {
          if (label) this.d.store.cases.link(r.id, 'label', null, this.d.store.media.upsert(label, now), now);
          if (notify) notification = this.sendStatus(r, current, input.text, label);
          r.last_notice = JSON.stringify(notification);
        }
        this.d.store.cases.update(r);
        if (changes) {
          this.d.store.cases.addHistory({
            case_id: r.id,
            at: now,
            from_status: from,
            to_status: nextStatus,
            actor,
            note: input.note || null,
            notice: JSON.stringify(notification),
          });
        }
      });
    } finally {
      // Linked now (kept), or the change was refused (the file goes unless something else uses it).
      stored?.release();
    }
    return { case: this.emit(current.id), notification };
  }

  /** Sends the current status now (after an opt-in, or again); the return label goes with an approved return. */
  notify(id: string, text: string | undefined, actor: Actor): { case: CaseView; notification: CaseNotification } {
    const row = this.row(id);
    const label =
      row.type === 'return' && row.status === 'approved'
        ? this.d.store.cases.links(id).find((l) => l.role === 'label' && l.media_sha256)
        : undefined;
    const ref: StoredMediaRef | undefined = label
      ? { sha256: label.media_sha256!, mime: label.media_mime!, size: label.media_size!, fileName: label.media_file_name }
      : undefined;
    let notification: CaseNotification = { state: 'not_sent' };
    this.d.store.tx(() => {
      notification = this.sendStatus(stripJoin(row), row, text, ref);
      const now = this.d.clock.now();
      this.d.store.cases.setNotice(id, JSON.stringify(notification), now);
      this.d.store.cases.addHistory({
        case_id: id,
        at: now,
        from_status: row.status,
        to_status: row.status,
        actor,
        note: null,
        notice: JSON.stringify(notification),
      });
    });
    return { case: this.emit(id), notification };
  }

  /** The message a change to `status` would send, and whether the gate lets it out now. */
  preview(id: string, status: CaseStatus): { text: string; locale: Locale; autoSend: boolean; gate: CaseNotification } {
    const row = this.row(id);
    const type = row.type as CaseType;
    if (!isStatusOf(type, status)) throw new ApiError('validation', `status: "${status}" is not a status of ${type}`, { field: 'status' });
    const locale = this.d.locale(row.contact_id);
    return {
      text: this.render(templateKey(type, status), { ...stripJoin(row), status }, row, locale),
      locale,
      autoSend: this.autoSend(type, status),
      gate: this.gateFor(row.contact_id),
    };
  }

  /** Attaches a customer's message (its photo or video) to the case; the message must be this customer's. */
  attach(id: string, messageId: number): CaseDetail {
    const row = this.row(id);
    const message = this.d.store.messages.byId(messageId);
    if (!message || message.quarantined) throw new ApiError('not_found', 'Nachricht nicht gefunden.', { field: 'messageId' });
    if (row.contact_id === null || message.contact_id !== row.contact_id) {
      throw new ApiError('validation', 'messageId: the message belongs to another customer', { field: 'messageId' });
    }
    const now = this.d.clock.now();
    this.d.store.tx(() => {
      this.d.store.cases.link(id, 'attachment', messageId, message.media_id, now);
      this.d.store.cases.setNotice(id, row.last_notice, now);
    });
    this.emit(id);
    return this.get(id);
  }

  /** Bytes of a file kept with the case. */
  async file(id: string, mediaId: number): Promise<{ mime: string; fileName: string | null; base64: string }> {
    this.row(id);
    const link = this.d.store.cases.links(id).find((l) => l.media_id === mediaId && l.media_sha256);
    if (!link) throw new ApiError('not_found', 'Datei nicht gefunden.', { field: 'mediaId' });
    const data = await this.d.mediaStore.read(link.media_sha256!);
    return { mime: link.media_mime!, fileName: link.media_file_name, base64: data.toString('base64') };
  }

  /** The return label as PDF: the stored one (A6) or freshly rendered in the asked format. */
  async label(id: string, format: LabelFormat): Promise<{ mime: string; fileName: string; base64: string }> {
    const row = this.row(id);
    if (row.type !== 'return') throw new ApiError('validation', 'id: only return cases have a label', { field: 'id' });
    const stored = this.d.store.cases.links(id).find((l) => l.role === 'label' && l.media_sha256);
    const data =
      stored && format === 'a6' ? await this.d.mediaStore.read(stored.media_sha256!) : Buffer.from(await this.renderLabel(row, format));
    return { mime: 'application/pdf', fileName: labelFileName(row.number), base64: data.toString('base64') };
  }

  /** The customer opted in: their cases link up, and those whose status was held back offer to send it. */
  onServiceGranted(contactId: number): void {
    const contact = this.d.store.contacts.byId(contactId);
    if (!contact) return;
    for (const c of this.d.store.cases.withHeldNotice(contact.phone)) this.emit(c.id);
  }

  // ---- reminders (called by the reminder runner) ----

  /** Sends a reminder text through the gate and records it in the timeline. */
  sendReminder(id: string, key: 'appointment.reminder' | 'pickup.reminder'): CaseNotification {
    const row = this.row(id);
    let notification: CaseNotification = { state: 'not_sent' };
    this.d.store.tx(() => {
      const text = this.render(key, stripJoin(row), row, this.d.locale(row.contact_id));
      notification = this.sendText(row.id, row.contact_id, text);
      const now = this.d.clock.now();
      this.d.store.cases.addHistory({
        case_id: id,
        at: now,
        from_status: row.status,
        to_status: row.status,
        actor: 'system',
        note: key === 'pickup.reminder' ? 'Erinnerung: Abholfrist' : 'Erinnerung: Termin',
        notice: JSON.stringify(notification),
      });
    });
    this.emit(id);
    return notification;
  }

  /** The pickup deadline passed: the case expires and the customer hears it (through the gate). */
  async expire(id: string): Promise<CaseNotification> {
    const row = this.row(id);
    if (row.status !== 'ready') return { state: 'not_sent', reason: 'unchanged' };
    const { notification } = await this.update({ id, status: 'expired', notify: true, note: 'Abholfrist abgelaufen' }, 'system');
    return notification;
  }

  // ---- settings ----

  settings(): { templates: CaseTemplates; autoSend: Record<string, boolean>; variables: string[] } {
    const stored = this.d.store.settings.get<StoredSettings>(SETTINGS_KEY) ?? {};
    const templates: CaseTemplates = {};
    for (const key of templateKeys()) {
      templates[key] = {
        de: stored.templates?.[key]?.de ?? DEFAULT_CASE_TEMPLATES.de[key]!,
        en: stored.templates?.[key]?.en ?? DEFAULT_CASE_TEMPLATES.en[key]!,
      };
    }
    const autoSend: Record<string, boolean> = {};
    for (const key of templateKeys()) if (!key.endsWith('.reminder')) autoSend[key] = stored.autoSend?.[key] ?? false;
    return { templates, autoSend, variables: [...CASE_VARIABLES] };
  }

  updateSettings(patch: { templates?: CaseTemplates; autoSend?: Record<string, boolean> }) {
    const known = new Set(templateKeys());
    const stored = this.d.store.settings.get<StoredSettings>(SETTINGS_KEY) ?? {};
    for (const [key, texts] of Object.entries(patch.templates ?? {})) {
      if (!known.has(key)) throw new ApiError('validation', `templates.${key}: unknown type or status`, { field: `templates.${key}` });
      for (const loc of ['de', 'en'] as const) {
        const bad = unknownVariables(texts[loc]);
        if (bad.length > 0) {
          throw new ApiError('validation', `templates.${key}.${loc}: unknown variable {${bad[0]}}`, { field: `templates.${key}.${loc}` });
        }
      }
    }
    for (const key of Object.keys(patch.autoSend ?? {})) {
      if (!known.has(key) || key.endsWith('.reminder')) {
        throw new ApiError('validation', `autoSend.${key}: unknown type or status`, { field: `autoSend.${key}` });
      }
    }
    this.d.store.settings.set(
      SETTINGS_KEY,
      { templates: { ...stored.templates, ...patch.templates }, autoSend: { ...stored.autoSend, ...patch.autoSend } },
      this.d.clock.now(),
    );
    return this.settings();
  }

  autoSend(type: CaseType, status: CaseStatus): boolean {
    return this.settings().autoSend[templateKey(type, status)] ?? false;
  }

  // ---- internals ----

  row(id: string): CaseListRow {
    const row = this.d.store.cases.byId(id);
    if (!row) throw new ApiError('not_found', 'Vorgang nicht gefunden.', { field: 'id' });
    return row;
  }

  /** Tells every UI the case changed; returns its view. */
  emit(id: string): CaseView {
    const view = this.view(this.row(id));
    this.d.bus.emit('case.updated', view);
    return view;
  }

  /** Validates and converts the typed fields; a field the type does not carry is named in the error. */
  fieldsFor(
    type: CaseType,
    input: Partial<Record<DateOrField, string | null | undefined>>,
    current: CaseRow | undefined,
    status: CaseStatus,
    opts: { allowPast?: boolean } = {},
  ): Pick<CaseRow, 'promised_at' | 'pickup_until' | 'carrier' | 'tracking_number' | 'appointment_at'> {
    const allowed = FIELDS_BY_TYPE[type];
    for (const f of TYPED_FIELDS) {
      if (input[f] !== undefined && input[f] !== null && !allowed.includes(f)) {
        throw new ApiError('validation', `${f}: a ${type} case has no ${f}`, { field: f });
      }
    }
    const tz = this.d.shop().clock.timeZone;
    const now = this.d.clock.now();
    const date = (f: DateOrField, keep: number | null): number | null => {
      const v = input[f];
      if (v === undefined) return keep;
      if (v === null) return null;
      const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? endOfLocalDate(v, tz) : Date.parse(v);
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
    if (!opts.allowPast && !isClosed(type, status)) {
      for (const [f, col] of [
        ['appointmentAt', 'appointment_at'],
        ['pickupUntil', 'pickup_until'],
      ] as const) {
        if (input[f] !== undefined && out[col] !== null && out[col] < now) {
          throw new ApiError('validation', `${f}: the date is in the past`, { field: f });
        }
      }
    }
    if (type === 'appointment' && out.appointment_at === null) {
      throw new ApiError('validation', 'appointmentAt: an appointment needs a date and time', { field: 'appointmentAt' });
    }
    return out;
  }

  deriveRow(r: CaseRow): void {
    this.derive(r);
  }

  /** `open` and the deadline the Cases view's "overdue" filter reads. */
  private derive(r: CaseRow): void {
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

  private gateFor(contactId: number | null): CaseNotification {
    if (contactId === null) return { state: 'not_sent', reason: 'no_contact' };
    const decision = this.d.consent.gate(contactId, 'service', 'notification');
    return decision.allowed ? { state: 'queued' } : { state: 'not_sent', reason: decision.reason };
  }

  /** The status text (template or staff's edit) and, for an approved return, the label as a document. */
  private sendStatus(r: CaseRow, joined: CaseListRow, text: string | undefined, label?: StoredMediaRef): CaseNotification {
    const contactId = joined.contact_id;
    const locale = this.d.locale(contactId);
    const body = text ?? this.render(templateKey(r.type as CaseType, r.status as CaseStatus), r, joined, locale);
    const first = this.sendText(r.id, contactId, body);
    if (first.state === 'queued' && label && contactId !== null) {
      const doc = this.d.messaging.send({
        contactId,
        text: '',
        purpose: 'service',
        kind: 'notification',
        author: 'system',
        media: { ref: label, type: 'document' },
      });
      this.d.store.cases.link(r.id, 'notification', doc.id, doc.media_id, this.d.clock.now());
    }
    return first;
  }

  private sendText(caseId: string, contactId: number | null, text: string): CaseNotification {
    const gate = this.gateFor(contactId);
    if (gate.state !== 'queued' || contactId === null) return gate;
    const message = this.d.messaging.send({ contactId, text, purpose: 'service', kind: 'notification', author: 'system' });
    this.d.store.cases.link(caseId, 'notification', message.id, null, this.d.clock.now());
    return { state: 'queued', messageId: message.id };
  }

  private render(key: string, r: CaseRow, joined: CaseListRow | CaseRow, locale: Locale): string {
    const shop = this.d.shop();
    const tz = shop.clock.timeZone;
    const j = joined as Partial<CaseListRow>;
    const vars: CaseVars = {
      name: j.contact_name ?? j.push_name ?? '',
      case_number: r.number,
      status: STATUS_LABELS[locale][r.status as CaseStatus] ?? r.status,
      promised_at: formatWhen(r.promised_at, tz, locale),
      pickup_until: formatWhen(r.pickup_until, tz, locale),
      appointment_at: formatWhen(r.appointment_at, tz, locale),
      tracking_link: trackingLink(r.carrier as Carrier | null, r.tracking_number, locale) ?? '',
      shop: shop.name,
      opening_hours: formatOpeningHours(shop.clock.hours, locale),
    };
    const texts = this.settings().templates[key];
    const template = texts?.[locale] ?? DEFAULT_CASE_TEMPLATES[locale][key] ?? '{case_number}: {status}';
    return renderCaseTemplate(template, vars);
  }

  private async renderLabel(row: CaseListRow, format: LabelFormat): Promise<Uint8Array> {
    const shop = this.d.shop();
    return renderReturnLabel({
      format,
      caseNumber: row.number,
      reference: row.reference,
      shopName: shop.name,
      shopAddress: shop.address,
      customerName: row.contact_name ?? row.push_name,
      customerPhone: row.phone,
      locale: this.d.locale(row.contact_id),
      createdAt: new Date(this.d.clock.now()),
    });
  }

  /** The label file, held in the media store until the caller has linked it (then released). */
  private async storeLabel(row: CaseListRow): Promise<{ ref: StoredMediaRef; release: () => void }> {
    const pdf = Buffer.from(await this.renderLabel(row, 'a6'));
    const stored = await this.d.mediaStore.put(pdf, { mime: 'application/pdf' });
    return {
      ref: { sha256: stored.sha256, mime: stored.mime, size: stored.size, fileName: labelFileName(row.number) },
      release: stored.release,
    };
  }
}

export const labelFileName = (number: string): string => `Ruecksendeetikett-${number}.pdf`;

export function stripJoin(row: CaseListRow): CaseRow {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { contact_id, contact_name, push_name, ...rest } = row;
  return rest;
}

export function phoneOrThrow(input: string, field = 'phone'): string {
  try {
    return toE164(input);
  } catch (err) {
    if (err instanceof InvalidPhoneError) throw new ApiError('validation', `${field}: ${err.message}`, { field });
    throw err;
  }
}

const encodeCursor = (t: number, id: string): string => Buffer.from(`${t}:${id}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const m = /^(\d+):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new ApiError('validation', 'cursor: not a cursor from this list', { field: 'cursor' });
  return { createdAt: Number(m[1]), id: m[2]! };
}
