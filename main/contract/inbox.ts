import { z } from 'zod';
import { QUICK_REPLY_VARIABLES } from './constants';
import { method } from './define';
import { Locale } from './locales';
import { ConsentState, ContactSummary, ConversationStatusInput, Id, MessageAuthor, MessageDirection } from './models';

/**
 * The counter inbox: conversation workflow, views and counts, labels, internal
 * notes, staff profiles with a quick switch, quick replies and search.
 *
 * Lists page by keyset: pass the `next` of one answer as `cursor` to get the
 * next page; `next: null` means the end. Cursors are opaque. Times are ISO
 * 8601 strings (UTC).
 *
 * The current profile is a property of the connection (window or WebSocket),
 * set by `profiles.switch`; calls never name their author. Errors: a wrong PIN
 * is `unauthorized` (reason `pin_wrong`, `pin_required`), a locked profile is
 * `rate_limited` (reason `profile_locked`), a call that needs a profile or a
 * manager is `forbidden` (reason `no_profile`, `manager_only`, `pin_not_set`).
 */

// ---- shapes ----

export const Cursor = z.string().min(1).max(300);
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().nullable() });

export const Color = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb')
  .transform((c) => c.toLowerCase());

export const ProfileRole = z.enum(['staff', 'manager']);
export type ProfileRole = z.infer<typeof ProfileRole>;
/** At least 4 digits (at most 12). */
export const Pin = z.string().regex(/^\d{4,12}$/, 'PIN must be 4 to 12 digits');
export const MIN_PIN_LENGTH = 4;
/** Wrong PINs in a row that lock a profile, and for how long. */
export const PIN_MAX_TRIES = 5;
export const PIN_LOCK_MS = 5 * 60_000;

export const ProfileView = z.object({
  id: z.number().int(),
  name: z.string(),
  /** #rrggbb, for the avatar dot and the author line in the chat. */
  color: z.string(),
  role: ProfileRole,
  hasPin: z.boolean(),
  /** A manager without a PIN yet (the owner after the update): switching to it sets the PIN. */
  mustSetPin: z.boolean(),
  /** Set while the profile is locked after too many wrong PINs. */
  lockedUntil: z.string().nullable(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const LabelName = z.string().trim().min(1, 'label is empty').max(40, 'label is longer than 40 characters');
export const LabelView = z.object({ id: z.number().int(), name: z.string(), color: z.string() });
export type LabelView = z.infer<typeof LabelView>;

/** One row of the inbox: the contact with its conversation's workflow state. */
export const InboxItem = ContactSummary.extend({
  /** Profile id of the assignee; null = unassigned. */
  assigneeId: z.number().int().nullable(),
  labels: z.array(LabelView),
  /** The customer's oldest message not yet answered by the shop; null when nobody waits. */
  waitingSince: z.string().nullable(),
  /** Set while snoozed: when the conversation opens again by itself. */
  snoozeUntil: z.string().nullable(),
  /** Last visible message (or the contact's creation): the "activity" order. */
  lastActivityAt: z.string(),
  /** The preview's message (last customer or staff message, never a consent text). */
  previewMessageId: z.number().int().nullable(),
  previewAuthor: MessageAuthor.nullable(),
  previewAuthorName: z.string().nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/**
 * Inbox views. All but `pending`, `snoozed` and `resolved` show open
 * conversations (override with `status`): mine = assigned to the current
 * profile, unassigned, waiting = a customer waits for an answer, all,
 * label = carries `labelId`, consent = service consent in state `consent`.
 */
export const InboxViewName = z.enum(['mine', 'unassigned', 'waiting', 'all', 'label', 'consent', 'pending', 'snoozed', 'resolved']);
export type InboxViewName = z.infer<typeof InboxViewName>;
/** waiting = longest waiting first (then the answered ones); activity = most recent first. */
export const InboxOrder = z.enum(['waiting', 'activity']);
export type InboxOrder = z.infer<typeof InboxOrder>;

export const InboxCounts = z.object({
  mine: z.number().int(),
  unassigned: z.number().int(),
  waiting: z.number().int(),
  all: z.number().int(),
  pending: z.number().int(),
  snoozed: z.number().int(),
  resolved: z.number().int(),
  /** Open conversations per label. */
  labels: z.array(z.object({ labelId: z.number().int(), count: z.number().int() })),
  /** Open conversations per service consent state. */
  consent: z.record(ConsentState, z.number().int()),
  /** Unread customer messages over all conversations (window title, badge). */
  unreadTotal: z.number().int(),
});
export type InboxCounts = z.infer<typeof InboxCounts>;

export const NoteText = z.string().trim().min(1, 'note is empty').max(4000, 'note is longer than 4000 characters');
/** An internal note: visible to staff only, never sent. */
export const NoteView = z.object({
  id: z.number().int(),
  contactId: z.number().int(),
  authorProfileId: z.number().int().nullable(),
  /** The profile's name, or the API key's name, when written. */
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type NoteView = z.infer<typeof NoteView>;

export const QuickReplyLocale = Locale;
/** What follows the "/" in the composer: lower-case letters and digits. */
export const Shortcut = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{1,32}$/, 'shortcut: 1 to 32 letters (a–z) or digits'));
/** Text with the variables {name}, {shop}, {staff}. */
export const QuickReplyText = z.string().trim().min(1, 'text is empty').max(4096);
export const QuickReplyView = z.object({
  id: z.number().int(),
  locale: QuickReplyLocale,
  shortcut: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export type QuickReplyView = z.infer<typeof QuickReplyView>;
export { QUICK_REPLY_VARIABLES };

/** A message-text search hit: open the conversation at `messageId`. */
export const MessageHit = z.object({
  messageId: z.number().int(),
  contactId: z.number().int(),
  phone: z.string(),
  name: z.string().nullable(),
  pushName: z.string().nullable(),
  direction: MessageDirection,
  author: MessageAuthor,
  /** The message text (the UI highlights the query in it). */
  body: z.string(),
  createdAt: z.string(),
});
export type MessageHit = z.infer<typeof MessageHit>;

const SearchText = z.string().trim().max(100);
const Limit = (max: number) => z.number().int().min(1).max(max).optional();

// ---- methods ----

export const inboxMethods = {
  'inbox.list': method(
    z
      .object({
        view: InboxViewName.default('all'),
        order: InboxOrder.default('activity'),
        /** Overrides the view's status (e.g. mine + resolved). */
        status: ConversationStatusInput.optional(),
        /** For view "label". */
        labelId: Id.optional(),
        /** For view "consent". */
        consent: ConsentState.optional(),
        /** Narrows to contacts whose name or number matches, or with a matching message. */
        q: SearchText.optional(),
        cursor: Cursor.optional(),
        limit: Limit(200),
      })
      .strict()
      .refine((v) => v.view !== 'label' || v.labelId !== undefined, { message: 'labelId is required for view "label"', path: ['labelId'] })
      .refine((v) => v.view !== 'consent' || v.consent !== undefined, { message: 'consent is required for view "consent"', path: ['consent'] }),
    page(InboxItem),
    'One page of an inbox view in the chosen order (default 50 rows); `next` pages on.',
  ),
  'inbox.counts': method(z.object({}).strict(), InboxCounts, 'How many conversations each view holds, for the current profile.'),
  'inbox.searchMessages': method(
    z.object({ q: SearchText.pipe(z.string().min(1, 'query is empty')), cursor: Cursor.optional(), limit: Limit(100) }).strict(),
    page(MessageHit),
    'Message-text hits, newest first (folded: Müller = Mueller = Muller, ß = ss); quarantined messages never match.',
  ),
  'contacts.page': method(
    z.object({ search: SearchText.optional(), cursor: Cursor.optional(), limit: Limit(500) }).strict(),
    page(ContactSummary),
    'The whole contact book, most recent first, page by page; `search` matches names, numbers in any form and message text.',
  ),
  'conversations.get': method(z.object({ contactId: Id }).strict(), InboxItem, 'One conversation as an inbox row.'),
  'conversations.update': method(
    z
      .object({
        contactId: Id,
        status: ConversationStatusInput.optional(),
        /** Profile id; null unassigns. */
        assigneeId: Id.nullable().optional(),
        /** Replaces the labels; unknown names are created. */
        labels: z.array(LabelName).max(20).optional(),
        /** ISO time; sets the status to snoozed until then (must be in the future). */
        snoozeUntil: z.string().datetime({ offset: true }).optional(),
      })
      .strict(),
    InboxItem,
    'Change status, assignee, labels or snooze; a snoozed conversation opens again at snoozeUntil or with the next customer message.',
  ),
  'labels.list': method(z.object({}).strict(), z.array(LabelView), 'All labels, by name.'),
  'labels.save': method(
    z.object({ id: Id.optional(), name: LabelName, color: Color }).strict(),
    LabelView,
    'Create a label, or rename/recolour one.',
  ),
  'labels.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() }), 'Remove a label from every conversation.'),
  'notes.list': method(
    z.object({ contactId: Id, cursor: Cursor.optional(), limit: Limit(200) }).strict(),
    page(NoteView),
    'Internal notes of a conversation, newest first.',
  ),
  'notes.add': method(
    z.object({ contactId: Id, text: NoteText }).strict(),
    NoteView,
    'Add an internal note (author: the current profile); it never leaves the shop.',
  ),
  'profiles.list': method(z.object({}).strict(), z.array(ProfileView), 'Staff profiles for the quick switch.'),
  'profiles.current': method(z.object({}).strict(), z.object({ profile: ProfileView.nullable() }), 'The profile of this window/connection.'),
  'profiles.switch': method(
    z.object({ profileId: Id, pin: Pin.optional(), newPin: Pin.optional() }).strict(),
    ProfileView,
    'Switch this window to a profile (its PIN if it has one; `newPin` for a manager that must set its PIN first).',
  ),
  'profiles.signOut': method(z.object({}).strict(), z.object({ profile: z.null() }), 'This window has no profile any more.'),
  'profiles.create': method(
    z.object({ name: z.string().trim().min(1).max(60), color: Color, role: ProfileRole, pin: Pin.optional() }).strict(),
    ProfileView,
    'A manager adds a profile (a manager profile needs a PIN).',
    { access: 'manager', audit: true },
  ),
  'profiles.update': method(
    z
      .object({ profileId: Id, name: z.string().trim().min(1).max(60).optional(), color: Color.optional(), role: ProfileRole.optional() })
      .strict(),
    ProfileView,
    'A manager changes a profile (anyone may change the name and colour of their own).',
    { audit: true },
  ),
  'profiles.setPin': method(
    z.object({ profileId: Id, currentPin: Pin.optional(), newPin: Pin.nullable() }).strict(),
    ProfileView,
    'Set or change a PIN (the current PIN, or a manager, is needed); null removes it (not for managers).',
    { audit: true },
  ),
  'quickReplies.list': method(
    z.object({ locale: QuickReplyLocale.optional(), search: SearchText.optional() }).strict(),
    z.array(QuickReplyView),
    'Quick replies by shortcut; `search` matches shortcut and text.',
  ),
  'quickReplies.save': method(
    z.object({ id: Id.optional(), locale: QuickReplyLocale, shortcut: Shortcut, text: QuickReplyText }).strict(),
    QuickReplyView,
    'Create or change a quick reply; the shortcut is unique per language (conflict otherwise).',
  ),
  'quickReplies.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() }), 'Delete a quick reply.'),
  'quickReplies.expand': method(
    z.object({ contactId: Id, id: Id }).strict(),
    z.object({ text: z.string() }),
    'The reply with {name}, {shop} and {staff} filled for this customer and the current profile.',
  ),
} as const;

// ---- events ----

export const inboxEvents = {
  /** A conversation's row changed (message, status, assignee, labels, consent). */
  'conversation.changed': InboxItem,
  'note.added': NoteView,
  /** Sent only to the window/connection whose profile changed. */
  'profile.switched': z.object({ profile: ProfileView.nullable() }),
  'profiles.changed': z.array(ProfileView),
  'labels.changed': z.array(LabelView),
  'quickReplies.changed': z.object({ locale: QuickReplyLocale }),
} as const;

