import type { ContactSummary, ConversationStatus, InboxItem, InboxOrder, MessageHit, MessageView, ProfileRole, ProfileView } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { controller } from '../../app/instance';
import { nextFrame } from '../../lib/frame';
import { useApp } from '../../store/app';
import { useContacts } from '../../store/contacts';
import { useUi } from '../../store/ui';
import { belongs, placeItem } from './inbox-order';
import { useInbox, type InboxView } from './inbox-store';
import { notifier } from './notify';

export const INBOX_PAGE = 200;
const COUNTS_DELAY_MS = 250;

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: number | null;
  labels?: string[];
  snoozeUntil?: string;
}

/** The inbox's actions: the only code of this feature that calls the API. */
export function createInboxActions(client: ApiClient, open: (contactId: number) => Promise<void>) {
  let seq = 0;
  let countsTimer: ReturnType<typeof setTimeout> | null = null;
  /** Last known assignee per conversation, to notice hand-overs. */
  const assignees = new Map<number, number | null>();

  const viewInput = (view: InboxView) =>
    view.name === 'label'
      ? { view: view.name, labelId: view.labelId }
      : view.name === 'consent'
        ? { view: view.name, consent: view.consent }
        : { view: view.name };

  const remember = (items: InboxItem[]) => items.forEach((i) => assignees.set(i.id, i.assigneeId));

  /** The first page of the current view (a new query wins over older answers), or the next page after it. */
  const loadPage = async (more: boolean): Promise<void> => {
    const s = useInbox.getState();
    if (more && (s.loading || s.next === null)) return;
    const my = more ? seq : ++seq;
    s.setLoading(true);
    try {
      const page = await client.call('inbox.list', {
        ...viewInput(s.view),
        order: s.order,
        ...(s.q ? { q: s.q } : {}),
        ...(more && s.next !== null ? { cursor: s.next } : {}),
        limit: INBOX_PAGE,
      });
      if (my !== seq) return;
      remember(page.items);
      useInbox.getState().setPage(page.items, page.next, more);
    } catch (err) {
      useApp.getState().setLoadError(toApiError(err));
    } finally {
      if (my === seq) useInbox.getState().setLoading(false);
    }
  };
  const loadFirst = (): Promise<void> => loadPage(false);
  const loadMore = (): Promise<void> => loadPage(true);

  const loadCounts = async (): Promise<void> => {
    try {
      const counts = await client.call('inbox.counts', {});
      useInbox.getState().setCounts(counts);
    } catch (err) {
      console.warn('inbox.counts failed', toApiError(err).code);
    }
  };
  const countsSoon = () => {
    if (countsTimer) return;
    countsTimer = setTimeout(() => {
      countsTimer = null;
      void loadCounts();
    }, COUNTS_DELAY_MS);
  };

  const loadProfiles = async (): Promise<void> => {
    const [profiles, { profile }] = await Promise.all([client.call('profiles.list', {}), client.call('profiles.current', {})]);
    useInbox.getState().setProfiles(profiles);
    useInbox.getState().setCurrent(profile);
  };

  /** Another profile works at this window now: "Mine" and the counts depend on it. */
  const becameCurrent = (profile: ProfileView | null): void => {
    useInbox.getState().setCurrent(profile);
    void loadFirst();
    void loadCounts();
  };

  const loadLabels = async (): Promise<void> => {
    useInbox.getState().setLabels(await client.call('labels.list', {}));
  };

  /** Rows changed (events or an own update): keep the list, the conversation pane's contact and the counts in step, in one store update. */
  const applyChanges = (changed: readonly InboxItem[]): void => {
    if (changed.length === 0) return;
    const s = useInbox.getState();
    let items = s.items;
    let opened = s.opened;
    const contacts = useContacts.getState();
    const me = s.current?.id ?? null;
    for (const item of changed) {
      const keep = s.q === '' ? belongs(s.view, item, me) : items.some((x) => x.id === item.id);
      items = placeItem(items, item, { keep, order: s.order, hasMore: s.next !== null });
      if (opened?.id === item.id) opened = item;
      if (contacts.list.some((c) => c.id === item.id)) contacts.upsert(item);
      const before = assignees.get(item.id);
      assignees.set(item.id, item.assigneeId);
      if (me !== null && item.assigneeId === me && before !== undefined && before !== me) notifier.handOver(item);
    }
    useInbox.setState({ items, opened });
    countsSoon();
  };

  /**
   * Row events, the latest per conversation, applied once per animation
   * frame: a burst of messages into one chat moves its row once per frame,
   * not once per message.
   */
  const pendingChanges = new Map<number, InboxItem>();
  const flushChanges = (): void => {
    const batch = [...pendingChanges.values()];
    pendingChanges.clear();
    applyChanges(batch);
  };
  const changed = (item: InboxItem): void => {
    const first = pendingChanges.size === 0;
    pendingChanges.delete(item.id);
    pendingChanges.set(item.id, item);
    if (first) nextFrame(flushChanges);
  };
  /** New customer messages notify once per frame, for the newest (a burst is one notification, not thousands). */
  let toNotify: MessageView | null = null;
  const notifySoon = (messages: readonly MessageView[]): void => {
    const m = messages.filter((x) => x.direction === 'in' && x.author === 'customer').at(-1);
    if (!m) return;
    const first = toNotify === null;
    toNotify = m;
    if (!first) return;
    nextFrame(() => {
      const newest = toNotify;
      toNotify = null;
      if (newest) notifier.message(newest.contactId, newest.body);
    });
  };

  /** An own update: whatever events came before it are applied first, so the newer row wins. */
  const applyChange = (item: InboxItem): void => {
    pendingChanges.delete(item.id);
    flushChanges();
    applyChanges([item]);
  };

  /** Make sure the conversation pane knows the contact, then open it. */
  const openContact = async (item: Pick<InboxItem, 'id'> & Partial<InboxItem>, messageId: number | null = null): Promise<void> => {
    const contacts = useContacts.getState();
    if (!contacts.list.some((c) => c.id === item.id)) {
      const full = 'phone' in item && item.phone !== undefined ? (item as InboxItem) : await client.call('conversations.get', { contactId: item.id });
      useContacts.setState((s) => ({ list: [full, ...s.list.filter((c) => c.id !== full.id)] }));
    }
    useUi.getState().focusMessage(messageId);
    await open(item.id);
  };

  return {
    loadFirst,
    loadMore,

    /** The open conversation's row for the conversation bar. */
    async loadOpened(contactId: number | null): Promise<void> {
      if (contactId === null) return void useInbox.setState({ opened: null });
      const known = useInbox.getState().items.find((i) => i.id === contactId);
      if (known) return void useInbox.setState({ opened: known });
      try {
        const item = await client.call('conversations.get', { contactId });
        if (useContacts.getState().selectedId === contactId) useInbox.setState({ opened: item });
      } catch (err) {
        console.warn('conversations.get failed', toApiError(err).code);
      }
    },
    loadCounts,
    loadProfiles,
    loadLabels,
    openContact,

    /** Subscribe to the inbox events and load the list, counts, labels and profiles. */
    start(): () => void {
      const offs = [
        client.on('conversation.changed', changed),
        client.on('labels.changed', (labels) => {
          useInbox.getState().setLabels(labels);
          countsSoon();
        }),
        client.on('profiles.changed', (profiles) => {
          const s = useInbox.getState();
          s.setProfiles(profiles);
          if (s.current) s.setCurrent(profiles.find((p) => p.id === s.current?.id) ?? null);
        }),
        client.on('profile.switched', ({ profile }) => becameCurrent(profile)),
        client.on('message.added', (m) => notifySoon([m])),
        // A batch notifies once, for its newest customer message.
        client.on('messages.added', ({ messages }) => notifySoon(messages)),
        client.onConnection((state, reconnected) => {
          if (state === 'open' && reconnected) void this.refresh();
        }),
      ];
      void this.refresh();
      return () => offs.forEach((off) => off());
    },

    async refresh(): Promise<void> {
      await Promise.all([
        loadFirst(),
        loadCounts(),
        loadLabels().catch((err) => console.warn('labels.list failed', toApiError(err).code)),
        loadProfiles().catch((err) => console.warn('profiles failed', toApiError(err).code)),
      ]);
    },

    async show(view: InboxView, order?: InboxOrder, q?: string): Promise<void> {
      const s = useInbox.getState();
      s.setQuery(view, order ?? s.order, q ?? s.q);
      await loadFirst();
    },

    /** Throws ApiError. */
    async update(contactId: number, patch: ConversationPatch): Promise<InboxItem> {
      const item = await client.call('conversations.update', { contactId, ...patch });
      applyChange(item);
      return item;
    },

    /** Throws ApiError (wrong PIN, locked profile). */
    async switchProfile(profileId: number, pin?: string, newPin?: string): Promise<ProfileView> {
      const profile = await client.call('profiles.switch', {
        profileId,
        ...(pin ? { pin } : {}),
        ...(newPin ? { newPin } : {}),
      });
      becameCurrent(profile);
      return profile;
    },

    async signOut(): Promise<void> {
      await client.call('profiles.signOut', {});
      becameCurrent(null);
    },

    /** Throws ApiError. */
    async saveProfile(p: { id?: number; name: string; color: string; role: ProfileRole; pin?: string }): Promise<void> {
      if (p.id === undefined) {
        await client.call('profiles.create', { name: p.name, color: p.color, role: p.role, ...(p.pin ? { pin: p.pin } : {}) });
      } else {
        await client.call('profiles.update', { profileId: p.id, name: p.name, color: p.color, role: p.role });
        if (p.pin) await client.call('profiles.setPin', { profileId: p.id, newPin: p.pin });
      }
      await loadProfiles();
    },

    /** Names and numbers (any German form), over the whole book. */
    async searchContacts(q: string): Promise<ContactSummary[]> {
      return (await client.call('contacts.page', { search: q, limit: 20 })).items;
    },

    /** Message-text hits, newest first. */
    async searchMessages(q: string): Promise<MessageHit[]> {
      return (await client.call('inbox.searchMessages', { q, limit: 30 })).items;
    },
  };
}

export type InboxActions = ReturnType<typeof createInboxActions>;

export const inboxActions = createInboxActions(api, (id) => controller.openContact(id));
