import type { AppContext } from '../../app-context';
import { ApiError } from '../../contract/errors';
import { expandQuickReply } from '../../core/quick-replies';
import { toContactSummary, toProfileView, toQuickReplyView } from '../../core/views';
import { decodeCursor, encodeCursor } from '../../store/cursor';
import type { Handlers } from '../router';

type InboxHandlers = Pick<
  Handlers,
  | 'inbox.list'
  | 'inbox.counts'
  | 'inbox.searchMessages'
  | 'contacts.page'
  | 'conversations.get'
  | 'conversations.update'
  | 'labels.list'
  | 'labels.save'
  | 'labels.delete'
  | 'notes.list'
  | 'notes.add'
  | 'profiles.list'
  | 'profiles.current'
  | 'profiles.switch'
  | 'profiles.signOut'
  | 'profiles.create'
  | 'profiles.update'
  | 'profiles.setPin'
  | 'quickReplies.list'
  | 'quickReplies.save'
  | 'quickReplies.delete'
  | 'quickReplies.expand'
>;

export interface InboxHandlerDeps {
  /** The shop's name for {shop} in quick replies. */
  shopName: () => string;
}

export function inboxHandlers(ctx: AppContext, deps: InboxHandlerDeps): InboxHandlers {
  const { store, inbox, profiles, clock, bus } = ctx;
  const profileView = (row: Parameters<typeof toProfileView>[0]) => toProfileView(row, clock.now());
  const emitProfiles = () => bus.emit('profiles.changed', store.profiles.all().map(profileView));
  return {
    'inbox.list': (input, session) => inbox.list(input, session),
    'inbox.counts': (_input, session) => inbox.counts(session),
    'inbox.searchMessages': ({ q, cursor, limit }) => inbox.searchMessages(q, cursor, limit),
    'contacts.page': ({ search, cursor, limit }) => {
      const size = limit ?? 100;
      const rows = store.contacts.page({ search, after: decodeCursor(cursor), limit: size });
      const last = rows[rows.length - 1];
      return { items: rows.map(toContactSummary), next: rows.length === size && last ? encodeCursor([last.last_activity_at, last.conversation_id]) : null };
    },
    'conversations.get': ({ contactId }) => inbox.get(contactId),
    'conversations.update': ({ contactId, ...patch }) => inbox.update(contactId, patch),
    'labels.list': () => inbox.labels(),
    'labels.save': (input) => inbox.saveLabel(input),
    'labels.delete': ({ id }) => ({ deleted: inbox.deleteLabel(id) }),
    'notes.list': ({ contactId, cursor, limit }) => inbox.notes(contactId, cursor, limit),
    'notes.add': ({ contactId, text }, session) => inbox.addNote(session, contactId, text),
    'profiles.list': () => store.profiles.all().map(profileView),
    'profiles.current': (_input, session) => {
      const row = profiles.current(session);
      return { profile: row ? profileView(row) : null };
    },
    'profiles.switch': async ({ profileId, pin, newPin }, session) => {
      const before = store.profiles.byId(profileId)?.must_set_pin === 1;
      const row = await profiles.switchTo(session, profileId, pin, newPin);
      const view = profileView(row);
      session.notify?.('profile.switched', { profile: view });
      if (before) emitProfiles();
      return view;
    },
    'profiles.signOut': (_input, session) => {
      session.profileId = null;
      session.notify?.('profile.switched', { profile: null });
      return { profile: null };
    },
    'profiles.create': async (input, session) => {
      const row = await profiles.create(session, input);
      emitProfiles();
      return profileView(row);
    },
    'profiles.update': ({ profileId, ...patch }, session) => {
      const row = profiles.update(session, profileId, patch);
      emitProfiles();
      return profileView(row);
    },
    'profiles.setPin': async ({ profileId, currentPin, newPin }, session) => {
      const row = await profiles.setPin(session, profileId, currentPin, newPin);
      emitProfiles();
      return profileView(row);
    },
    'quickReplies.list': ({ locale, search }) => {
      const rows = store.quickReplies.list(locale);
      const q = search?.toLowerCase().replace(/^\//, '');
      return rows.filter((r) => !q || r.shortcut.includes(q) || r.text.toLowerCase().includes(q)).map(toQuickReplyView);
    },
    'quickReplies.save': ({ id, locale, shortcut, text }) => {
      const now = clock.now();
      const same = store.quickReplies.byShortcut(locale, shortcut);
      if (same && same.id !== id) {
        throw new ApiError('conflict', `shortcut /${shortcut} exists already`, { field: 'shortcut' });
      }
      let row;
      if (id === undefined) row = store.quickReplies.create({ locale, shortcut, text, now });
      else {
        if (!store.quickReplies.byId(id)) throw new ApiError('not_found', 'quick reply not found', { field: 'id' });
        store.quickReplies.update(id, { locale, shortcut, text, now });
        row = store.quickReplies.byId(id)!;
      }
      bus.emit('quickReplies.changed', { locale });
      return toQuickReplyView(row);
    },
    'quickReplies.delete': ({ id }) => {
      const row = store.quickReplies.byId(id);
      const deleted = store.quickReplies.delete(id);
      if (row) bus.emit('quickReplies.changed', { locale: row.locale });
      return { deleted };
    },
    'quickReplies.expand': ({ contactId, id }, session) => {
      const reply = store.quickReplies.byId(id);
      if (!reply) throw new ApiError('not_found', 'quick reply not found', { field: 'id' });
      const contact = store.contacts.byId(contactId);
      if (!contact) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      const staff = profiles.current(session)?.name ?? '';
      return { text: expandQuickReply(reply.text, { name: contact.name ?? contact.push_name ?? '', shop: deps.shopName(), staff }) };
    },
  };
}
