import type { ConsentState, ContactSummary, MessageView } from '../contract';
import type { ContactListRow } from '../store/contacts-repo';
import type { MessageRow } from '../store/messages-repo';

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
  };
}
