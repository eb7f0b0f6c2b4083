import type {
  ConsentState,
  ConversationStatus,
  InboxCounts,
  InboxItem,
  InboxOrder,
  InboxViewName,
  LabelView,
  MessageHit,
  NoteView,
} from '../contract';
import { ApiError } from '../contract/errors';
import type { Clock, Logger } from '../runtime';
import type { Store } from '../store';
import { decodeCursor, encodeCursor } from '../store/cursor';
import type { InboxFilter } from '../store/inbox-repo';
import type { EventBus } from './event-bus';
import type { Profiles } from './profiles';
import type { Scheduler } from './scheduler';
import type { Session } from './session';
import { toInboxItem, toNoteView } from './views';

export const SNOOZE_JOB = 'conversation.wake';
const snoozeKey = (conversationId: number) => `snooze:${conversationId}`;
/** Colours new labels get in turn (readable on light and dark). */
const LABEL_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const iso = (ms: number) => new Date(ms).toISOString();

export interface ListRequest {
  view: InboxViewName;
  order: InboxOrder;
  status?: ConversationStatus;
  labelId?: number;
  consent?: ConsentState;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: number | null;
  labels?: string[];
  snoozeUntil?: string;
}

/** The conversation workflow: views, counts, status, assignee, labels, snooze, notes. */
export class Inbox {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly profiles: Profiles,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    scheduler.register(SNOOZE_JOB, (payload) => {
      const { conversationId } = payload as { conversationId: number };
      if (this.store.inbox.wake(conversationId, this.clock.now())) this.emitConversation(conversationId);
    });
  }

  /** The filter a view stands for; "mine" needs a profile. */
  filterOf(req: ListRequest, session: Session): InboxFilter {
    const byView: Record<InboxViewName, () => InboxFilter> = {
      mine: () => ({ status: 'open', assigneeId: this.profiles.requireProfile(session).id }),
      unassigned: () => ({ status: 'open', assigneeId: null }),
      waiting: () => ({ status: 'open', waitingOnly: true }),
      all: () => ({ status: 'open' }),
      label: () => ({ status: 'open', labelId: req.labelId }),
      consent: () => ({ status: 'open', serviceState: req.consent }),
      pending: () => ({ status: 'pending' }),
      snoozed: () => ({ status: 'snoozed' }),
      resolved: () => ({ status: 'resolved' }),
    };
    const filter = byView[req.view]();
    if (req.status) filter.status = req.status;
    if (req.q) filter.search = req.q;
    return filter;
  }

  list(req: ListRequest, session: Session): { items: InboxItem[]; next: string | null } {
    const limit = req.limit ?? 50;
    const { rows, last } = this.store.inbox.page(this.filterOf(req, session), req.order, decodeCursor(req.cursor), limit);
    return { items: rows.map(toInboxItem), next: rows.length === limit && last ? encodeCursor(last) : null };
  }

  counts(session: Session): InboxCounts {
    const me = this.profiles.current(session);
    const c = this.store.inbox.counts(me?.id ?? null);
    const consent: Record<ConsentState, number> = { none: 0, requested: 0, granted: 0, revoked: 0, expired: 0 };
    for (const { state, count } of c.consent) if (state in consent) consent[state as ConsentState] = count;
    return {
      mine: c.mine,
      unassigned: c.unassigned,
      waiting: c.waiting,
      all: c.byStatus.open ?? 0,
      pending: c.byStatus.pending ?? 0,
      snoozed: c.byStatus.snoozed ?? 0,
      resolved: c.byStatus.resolved ?? 0,
      labels: c.labels,
      consent,
      unreadTotal: c.unreadTotal,
    };
  }

  searchMessages(q: string, cursor: string | undefined, limit = 30): { items: MessageHit[]; next: string | null } {
    const before = decodeCursor(cursor)?.[1];
    const rows = this.store.inbox.searchMessages(q, before, limit);
    const items = rows.map((r) => ({
      messageId: r.id,
      contactId: r.contact_id,
      phone: r.phone,
      name: r.name,
      pushName: r.push_name,
      direction: r.direction,
      author: r.author,
      body: r.body,
      createdAt: iso(r.created_at),
    }));
    const lastRow = rows[rows.length - 1];
    return { items, next: rows.length === limit && lastRow ? encodeCursor([0, lastRow.id]) : null };
  }

  get(contactId: number): InboxItem {
    const row = this.store.inbox.rowByContact(contactId);
    if (!row) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    return toInboxItem(row);
  }

  /** Applies a patch in one transaction; snoozing schedules the wake-up. */
  update(contactId: number, patch: ConversationPatch): InboxItem {
    const row = this.store.inbox.rowByContact(contactId);
    if (!row) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    const conversationId = row.conversation_id;
    const now = this.clock.now();
    let snoozeUntil: number | undefined;
    if (patch.snoozeUntil !== undefined) {
      snoozeUntil = Date.parse(patch.snoozeUntil);
      if (!(snoozeUntil > now)) throw new ApiError('validation', 'snoozeUntil: must be in the future', { field: 'snoozeUntil' });
      if (patch.status !== undefined && patch.status !== 'snoozed') {
        throw new ApiError('validation', 'snoozeUntil: only with status "snoozed"', { field: 'snoozeUntil' });
      }
    } else if (patch.status === 'snoozed') {
      throw new ApiError('validation', 'snoozeUntil: required to snooze', { field: 'snoozeUntil' });
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== null && !this.store.profiles.byId(patch.assigneeId)) {
      throw new ApiError('validation', 'assignee: no such profile', { field: 'assignee' });
    }
    let labelsChanged = false;
    this.store.tx(() => {
      if (snoozeUntil !== undefined) {
        this.store.inbox.setStatus(conversationId, 'snoozed', snoozeUntil);
        this.scheduler.schedule({ key: snoozeKey(conversationId), kind: SNOOZE_JOB, runAt: snoozeUntil, payload: { conversationId } });
      } else if (patch.status !== undefined) {
        this.store.inbox.setStatus(conversationId, patch.status, null);
        this.scheduler.cancel(snoozeKey(conversationId));
      }
      if (patch.assigneeId !== undefined) this.store.inbox.setAssignee(conversationId, patch.assigneeId);
      if (patch.labels !== undefined) {
        const ids: number[] = [];
        for (const name of patch.labels) {
          let label = this.store.inbox.labelByName(name);
          if (!label) {
            label = this.store.inbox.createLabel(name, LABEL_COLOURS[this.store.inbox.labels().length % LABEL_COLOURS.length]!, now);
            labelsChanged = true;
          }
          ids.push(label.id);
        }
        this.store.inbox.setLabels(conversationId, ids);
      }
    });
    if (labelsChanged) this.emitLabels();
    return this.emitConversation(conversationId)!;
  }

  // ---- labels ----

  labels(): LabelView[] {
    return this.store.inbox.labels().map(({ id, name, color }) => ({ id, name, color }));
  }

  saveLabel(l: { id?: number; name: string; color: string }): LabelView {
    const same = this.store.inbox.labelByName(l.name);
    if (same && same.id !== l.id) throw new ApiError('conflict', 'Dieses Label gibt es schon.', { field: 'name' });
    let id = l.id;
    if (id === undefined) id = this.store.inbox.createLabel(l.name, l.color, this.clock.now()).id;
    else {
      if (!this.store.inbox.labelById(id)) throw new ApiError('not_found', 'label not found', { field: 'id' });
      this.store.inbox.updateLabel(id, l.name, l.color);
    }
    this.emitLabels();
    const row = this.store.inbox.labelById(id)!;
    return { id: row.id, name: row.name, color: row.color };
  }

  deleteLabel(id: number): boolean {
    const deleted = this.store.inbox.deleteLabel(id);
    if (deleted) this.emitLabels();
    return deleted;
  }

  // ---- notes ----

  addNote(session: Session, contactId: number, text: string): NoteView {
    const conversationId = this.conversationIdOrThrow(contactId);
    const author = this.profiles.author(session);
    const row = this.store.inbox.addNote({ conversationId, authorProfileId: author.profileId, authorName: author.name, body: text, now: this.clock.now() });
    const view = toNoteView(row);
    this.bus.emit('note.added', view);
    return view;
  }

  notes(contactId: number, cursor: string | undefined, limit = 50): { items: NoteView[]; next: string | null } {
    const conversationId = this.conversationIdOrThrow(contactId);
    const rows = this.store.inbox.notes(conversationId, decodeCursor(cursor)?.[1], limit);
    const lastRow = rows[rows.length - 1];
    return { items: rows.map(toNoteView), next: rows.length === limit && lastRow ? encodeCursor([0, lastRow.id]) : null };
  }

  // ---- events ----

  emitConversation(conversationId: number): InboxItem | undefined {
    const [row] = this.store.inbox.rows([conversationId]);
    if (!row) return undefined;
    const item = toInboxItem(row);
    this.bus.emit('conversation.changed', item);
    return item;
  }

  private emitLabels(): void {
    this.bus.emit('labels.changed', this.labels());
  }

  private conversationIdOrThrow(contactId: number): number {
    const id = this.store.messages.conversationIdOf(contactId);
    if (id === undefined) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    return id;
  }
}
