import { z } from 'zod';
import { ConsentState, ConversationStatusInput, Cursor, LabelName, NoteText, type InboxItem } from '../../contract';
import { ApiError } from '../../contract/errors';
import { phoneOrThrow } from '../handlers/core';
import { pathParam, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';
import { validationError } from '../router';
import { toInboxItem } from '../../core/views';
import { decodeCursor, encodeCursor } from '../../store/cursor';

const ListQuery = z
  .object({
    status: ConversationStatusInput.optional(),
    /** A profile id, "none" for unassigned. */
    assignee: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
    label: LabelName.optional(),
    consent: ConsentState.optional(),
    q: z.string().trim().max(100).optional(),
    order: z.enum(['waiting', 'activity']).optional(),
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

const PatchBody = z
  .object({
    status: ConversationStatusInput.optional(),
    assignee: z.number().int().positive().nullable().optional(),
    labels: z.array(LabelName).max(20).optional(),
    snoozeUntil: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

const NoteBody = z.object({ text: NoteText }).strict();

/** ISO 8601 with offset for the local API (UTC: "Z" is the +00:00 offset). */
const apiItem = (i: InboxItem) => ({
  phone: i.phone,
  name: i.name ?? i.pushName,
  status: i.status,
  assignee: i.assigneeId,
  labels: i.labels.map((l) => l.name),
  unread: i.unread,
  waitingSince: i.waitingSince,
  lastMessageAt: i.lastMessageAt,
  snoozeUntil: i.snoozeUntil,
});

const CONVERSATION = /^\/api\/v1\/conversations\/([^/]+)$/;

/** The inbox for the shop system (docs/api-conversations.md). */
export function conversationRoutes(): HttpRoute[] {
  const contactOf = (app: Parameters<HttpRoute['handle']>[0]['app'], raw: string) => {
    const contact = app.context.store.contacts.byPhone(phoneOrThrow(pathParam(raw, 'phone')));
    if (!contact) throw new ApiError('not_found', 'unknown phone number');
    return contact;
  };
  return [
    {
      method: 'GET',
      path: /^\/api\/v1\/conversations$/,
      handle({ req, res, app, session }) {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const parsed = ListQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) throw validationError(parsed.error);
        const { status, assignee, label, consent, q, order, cursor, limit } = parsed.data;
        const { inbox, store } = app.context;
        let labelId: number | undefined;
        if (label !== undefined) {
          labelId = store.inbox.labelByName(label)?.id;
          if (labelId === undefined) return sendJson(res, 200, { items: [], next: null });
        }
        // Every list is one status (default: open) and at most one of assignee, label, consent.
        if ([assignee, label, consent].filter((x) => x !== undefined).length > 1) {
          throw new ApiError('validation', 'assignee, label and consent cannot be combined', { field: 'assignee' });
        }
        const filter = inbox.filterOf({ view: 'all', order: 'activity', status: status ?? 'open', q }, session);
        if (assignee !== undefined) filter.assigneeId = assignee === 'none' ? null : assignee;
        if (labelId !== undefined) filter.labelId = labelId;
        if (consent !== undefined) filter.serviceState = consent;
        const size = limit ?? 50;
        const { rows, last } = store.inbox.page(filter, order ?? 'activity', decodeCursor(cursor), size);
        sendJson(res, 200, { items: rows.map((r) => apiItem(toInboxItem(r))), next: rows.length === size && last ? encodeCursor(last) : null });
      },
    },
    {
      method: 'PATCH',
      path: CONVERSATION,
      async handle({ res, match, app, body }) {
        const contact = contactOf(app, match[1]!);
        const parsed = PatchBody.safeParse(await body());
        if (!parsed.success) throw validationError(parsed.error);
        const { assignee, ...rest } = parsed.data;
        const item = app.context.inbox.update(contact.id, { ...rest, ...(assignee !== undefined ? { assigneeId: assignee } : {}) });
        sendJson(res, 200, apiItem(item));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/v1\/conversations\/([^/]+)\/notes$/,
      async handle({ res, match, app, body, session }) {
        const contact = contactOf(app, match[1]!);
        const parsed = NoteBody.safeParse(await body());
        if (!parsed.success) throw validationError(parsed.error);
        const note = app.context.inbox.addNote(session, contact.id, parsed.data.text);
        sendJson(res, 201, { id: note.id, author: note.authorName, text: note.text, createdAt: note.createdAt });
      },
    },
  ];
}
