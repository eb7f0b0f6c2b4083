import type { ConsentState, ContactSummary, InboxItem, LabelView, MessageAuthor, MessageView, NoteView, ProfileView, QuickReplyView } from '../contract';
import type { ContactListRow } from '../store/contacts-repo';
import type { MessageRow } from '../store/messages-repo';
import type { NoteRow } from '../store/inbox-repo';
import type { ProfileRow } from '../store/profiles-repo';
import type { QuickReplyRow } from '../store/quick-replies-repo';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const state = (s: string | null): ConsentState => (s ?? 'none') as ConsentState;

/** Database rows → the API's shapes (the only place that knows both). */
export function toContactSummary(row: ContactListRow): ContactSummary {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    pushName: row.push_name,
    consent: {
      service: state(row.service_state),
      marketing: state(row.marketing_state),
      serviceSince: iso(row.service_at),
      marketingSince: iso(row.marketing_at),
    },
    quarantined: row.quarantined,
    quarantinedSince: iso(row.quarantined_since),
    status: row.status,
    unread: row.unread,
    lastMessageAt: iso(row.last_message_at),
    lastMessagePreview: row.preview,
    lastMessageType: row.preview_type,
    createdAt: iso(row.created_at)!,
    locale: row.locale ?? null,
    revocationReview:
      row.revocation_review_at === null || row.revocation_review_at === undefined
        ? null
        : { at: iso(row.revocation_review_at)!, text: row.revocation_review_text ?? '' },
  };
}

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    contactId: row.contact_id,
    direction: row.direction,
    type: row.type as MessageView['type'],
    body: row.body,
    author: row.author,
    status: row.status,
    purpose: row.purpose,
    createdAt: iso(row.created_at)!,
    media:
      row.media_id === null
        ? null
        : { id: row.media_id, mime: row.media_mime ?? 'application/octet-stream', size: row.media_size ?? 0, fileName: row.media_file_name },
    error: row.error,
    authorProfileId: row.author_profile_id,
    authorName: row.author_name,
    quotedMessageId: row.quoted_message_id,
    quoted:
      row.quoted_message_id !== null && row.quoted_body !== null
        ? { id: row.quoted_message_id, body: row.quoted_body, type: row.quoted_type ?? 'text', direction: row.quoted_direction ?? 'in' }
        : null,
    ...extraDetails(row.type, row.extra),
    ...changeMarks(row.extra),
  };
}

/** Whether the sender edited or deleted the message (kept in its details by Messaging). */
function changeMarks(raw: string | null): Pick<MessageView, 'edited' | 'revoked'> {
  if (!raw || !(raw.includes('"revoked"') || raw.includes('"edits"'))) return {};
  try {
    const extra = JSON.parse(raw) as Record<string, unknown>;
    if (extra['revoked'] === true) return { revoked: true };
    return Array.isArray(extra['edits']) && extra['edits'].length > 0 ? { edited: true } : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Location and contact cards from the adapter's details (simulator and WhatsApp spell them differently). */
function extraDetails(type: string, raw: string | null): Pick<MessageView, 'location' | 'cards'> {
  if (!raw || (type !== 'location' && type !== 'contact_card')) return {};
  let extra: Record<string, unknown>;
  try {
    extra = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
  if (type === 'location') {
    const loc = (typeof extra['location'] === 'object' && extra['location'] !== null ? extra['location'] : extra) as Record<string, unknown>;
    const latitude = Number(loc['latitude'] ?? loc['lat']);
    const longitude = Number(loc['longitude'] ?? loc['lng']);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return {};
    return { location: { latitude, longitude, name: str(loc['name']) ?? str(loc['description']), address: str(loc['address']) } };
  }
  const vcards = Array.isArray(extra['vcards']) ? extra['vcards'].filter((v): v is string => typeof v === 'string') : [];
  return {
    cards: vcards.map((v) => ({
      name: /^FN[^:]*:(.*)$/m.exec(v)?.[1]?.trim() || '—',
      phone: /^TEL[^:]*:(.*)$/m.exec(v)?.[1]?.trim() || null,
    })),
  };
}

export function toInboxItem(row: ContactListRow): InboxItem {
  return withInboxFields(row, toContactSummary(row));
}

/** A changed contact's two views (contact.updated, conversation.changed), the contact's part made once. */
export function toContactViews(row: ContactListRow): { summary: ContactSummary; item: InboxItem } {
  const summary = toContactSummary(row);
  return { summary, item: withInboxFields(row, summary) };
}

function withInboxFields(row: ContactListRow, summary: ContactSummary): InboxItem {
  // Object.assign, not `{ ...summary, … }`: V8 (Node 20) builds a spread of a large object followed by
  // further fields on a slow path, 17 µs a row here: more than reading the row (every inbox page, every batch).
  return Object.assign({}, summary, {
    assigneeId: row.assignee_id,
    labels: JSON.parse(row.labels_json) as LabelView[],
    waitingSince: iso(row.waiting_since),
    snoozeUntil: iso(row.snooze_until),
    lastActivityAt: iso(row.last_activity_at)!,
    previewMessageId: row.preview_message_id,
    previewAuthor: row.preview_author as MessageAuthor | null,
    previewAuthorName: row.preview_author_name,
  });
}

export function toNoteView(row: NoteRow): NoteView {
  return {
    id: row.id,
    contactId: row.contact_id,
    authorProfileId: row.author_profile_id,
    authorName: row.author_name,
    text: row.body,
    createdAt: iso(row.created_at)!,
  };
}

export function toProfileView(row: ProfileRow, now: number): ProfileView {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    role: row.role,
    hasPin: row.pin_hash !== null,
    mustSetPin: row.must_set_pin === 1,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? iso(row.locked_until) : null,
  };
}

export function toQuickReplyView(row: QuickReplyRow): QuickReplyView {
  return { id: row.id, locale: row.locale, shortcut: row.shortcut, text: row.text, updatedAt: iso(row.updated_at)! };
}
