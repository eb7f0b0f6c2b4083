import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contract';
import {
  type CaseCreateInput,
  type CaseDetail,
  type CaseField,
  type CaseListInput,
  type CaseNotification,
  type CaseStatus,
  type CaseTemplates,
  type CaseType,
  type CaseUpdateInput,
  type CaseView,
} from '../../contract/cases';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import { newCaseRow, type CaseListRow, type CaseRow } from '../../store/cases-repo';
import type { ConsentHooks } from '../consent-hooks';
import type { EventBus } from '../event-bus';
import type { MediaStore } from '../media-store';
import type { Messaging, StoredMediaRef } from '../messaging';
import { phoneOrThrow } from '../phone';
import { toMessageView } from '../views';
import { CASE_PREFIX, caseFieldsFor, deriveCaseRow, formatCaseNumber, stripJoin, type CaseFieldColumns } from './case-fields';
import { decodeCursor, encodeCursor } from './case-cursor';
import { CaseNotices, labelFileName } from './case-notices';
import { CaseSettings, type CaseSettingsView } from './case-settings';
import { toCaseView, toHistoryEntry } from './case-views';
import type { LabelFormat } from './label';
import type { CaseShop } from './shop';
import { localDay } from './shop-time';
import { templateKey } from './templates';
import { checkTransition, firstStatus, isStatusOf, movesFrom } from './transitions';

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

/**
 * Service cases: numbering, the transition tables, status messages through
 * the send gate, files and the return label. The only writer of the cases
 * tables; every customer message goes through Messaging (and so the gate and
 * the outbox).
 */
export class CaseService {
  private readonly settingsStore: CaseSettings;
  private readonly notices: CaseNotices;

  constructor(private readonly d: CaseServiceDeps) {
    this.settingsStore = new CaseSettings(d.store, d.clock);
    this.notices = new CaseNotices({ ...d, settings: this.settingsStore });
  }

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
      history: this.d.store.cases.history(id).map(toHistoryEntry),
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
    return toCaseView(row, {
      locale: this.d.locale(row.contact_id),
      now: this.d.clock.now(),
      canSendNow: (contactId) => this.d.consent.gate(contactId, 'service', 'notification').allowed,
    });
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
        ...newCaseRow({ id: randomUUID(), number: formatCaseNumber(type, year, seq), type, status, phone, at: now }),
        title: input.title ?? '',
        reference: input.reference || null,
        ...fields,
      };
      deriveCaseRow(r);
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
    const stored = changes && type === 'return' && nextStatus === 'approved' ? await this.notices.storeLabel(current) : undefined;
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
        deriveCaseRow(r);
        if (changes) {
          if (label) this.d.store.cases.link(r.id, 'label', null, this.d.store.media.upsert(label, now), now);
          if (notify) notification = this.notices.sendStatus(r, current, input.text, label);
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
      notification = this.notices.sendStatus(stripJoin(row), row, text, ref);
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
      text: this.notices.render(templateKey(type, status), { ...stripJoin(row), status }, row, locale),
      locale,
      autoSend: this.autoSend(type, status),
      gate: this.notices.gateFor(row.contact_id),
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
      stored && format === 'a6' ? await this.d.mediaStore.read(stored.media_sha256!) : Buffer.from(await this.notices.renderLabel(row, format));
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
      const text = this.notices.render(key, stripJoin(row), row, this.d.locale(row.contact_id));
      notification = this.notices.sendText(row.id, row.contact_id, text);
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

  settings(): CaseSettingsView {
    return this.settingsStore.get();
  }

  updateSettings(patch: { templates?: CaseTemplates; autoSend?: Record<string, boolean> }): CaseSettingsView {
    return this.settingsStore.update(patch);
  }

  autoSend(type: CaseType, status: CaseStatus): boolean {
    return this.settingsStore.autoSend(type, status);
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

  /** Validates and converts the typed fields (see caseFieldsFor). */
  fieldsFor(
    type: CaseType,
    input: Partial<Record<CaseField, string | null | undefined>>,
    current: CaseRow | undefined,
    status: CaseStatus,
    opts: { allowPast?: boolean } = {},
  ): CaseFieldColumns {
    return caseFieldsFor(type, input, current, status, { timeZone: this.d.shop().clock.timeZone, now: this.d.clock.now(), ...opts });
  }

  deriveRow(r: CaseRow): void {
    deriveCaseRow(r);
  }
}
