import type { ContactSummary, Locale, MessageView } from '@contract';
import type { ApiClient } from '../api/client';
import { toApiError } from '../api/client';
import { nextFrame } from '../lib/frame';
import { useApp } from '../store/app';
import { useContacts } from '../store/contacts';
import { useMessages } from '../store/messages';
import { useSim } from '../store/sim';
import { showLocale } from '../i18n';

/** What a simulated customer can add to a message: a file and a reply to one of the phone's messages. */
export interface SimExtra {
  media?: { mime: string; fileName: string; data: string };
  quote?: { id: string };
}

export const PAGE_SIZE = 50;
/** Contacts kept at hand without a search (the most recent; others are fetched when opened). */
export const KNOWN_CONTACTS = 200;
/** Older pages are larger (the most messages.list gives): reaching the start of a long chat takes fewer round trips. */
export const OLDER_PAGE_SIZE = 500;

/**
 * Feeds the stores from the API and its events. Components call these
 * actions; they never hold API state of their own.
 */
export interface Controller {
  /** Subscribe to events and load the basics; returns a stop function. */
  start(): () => void;
  searchContacts(search: string): Promise<void>;
  /**
   * Selects the chat. One the store holds at its newest messages (fetched
   * ahead, or opened before) is drawn from it, and its newest page is asked
   * for once it is drawn (markShown); any other is loaded now. Marking it
   * read waits for markShown too.
   */
  openContact(contactId: number | null): Promise<void>;
  /**
   * The open chat's messages are on screen (its history calls this once
   * drawn): what the customer wrote is marked read now, and a chat drawn
   * from the store asks for its newest page.
   */
  markShown(contactId: number): Promise<void>;
  loadOlder(contactId: number): Promise<void>;
  /** The next page after the window, when it stops short of the newest message. */
  loadNewer(contactId: number): Promise<void>;
  /** The thread at its newest messages again (after paging far back or jumping to a search hit). */
  showLatest(contactId: number): Promise<void>;
  /**
   * The newest page of a chat not opened yet, fetched ahead so that opening
   * it shows its messages at once (see app/warm-threads). Selects nothing,
   * marks nothing read; throws ApiError, and shows no load error.
   */
  prefetch(contactId: number): Promise<void>;
  /** Throws ApiError; the caller keeps the typed text on failure. */
  send(contactId: number, text: string, quotedMessageId?: number): Promise<MessageView>;
  /** Throws ApiError. The caption may be ''. */
  sendFile(contactId: number, file: { name: string; base64: string }, caption: string, quotedMessageId?: number): Promise<MessageView>;
  retry(messageId: number): Promise<void>;
  /** Throws ApiError. '' clears the name. */
  rename(contactId: number, name: string): Promise<void>;
  markRead(contactId: number): Promise<void>;
  loadSim(): Promise<void>;
  /** Throws ApiError; resolves with the normalised number. */
  simSend(phone: string, text: string, extra?: SimExtra): Promise<string>;
  /** Shows the UI in this language and stores the choice in the app's settings. */
  setLocale(locale: Locale): Promise<void>;
}

export function createController(
  client: ApiClient,
  env: { isVisible: () => boolean } = { isVisible: () => true },
): Controller {
  let searchSeq = 0;
  /** Chats opened from the store: their newest page is asked for once they are drawn (see openContact). */
  const refreshWhenShown = new Set<number>();

  const loadInfo = async (): Promise<void> => {
    const info = await client.call('app.info', {});
    useApp.getState().setInfo(info);
  };

  /** The staff's stored language, else the app's default. Not knowing it is no load failure. */
  const loadLocale = async (): Promise<void> => {
    let stored: Locale | null = null;
    try {
      ({ locale: stored } = await client.call('ui.getLocale', {}));
    } catch (err) {
      console.warn('ui.getLocale failed', toApiError(err).code);
    }
    const locale = stored ?? useApp.getState().info?.locale;
    if (locale) await showLocale(locale);
  };

  const searchContacts = async (search: string): Promise<void> => {
    const seq = ++searchSeq;
    const trimmed = search.trim();
    // Without a search only the most recent ones: the inbox pages through the whole book itself, and a
    // book of 20,000 fetched and sorted at start kept the first inbox row waiting for seconds.
    const list = await client.call('contacts.list', trimmed ? { search: trimmed } : { limit: KNOWN_CONTACTS });
    // A slower answer for an older search must not overwrite a newer one.
    if (seq !== searchSeq) return;
    useContacts.getState().setList(list, trimmed);
  };

  const loadLatest = async (contactId: number): Promise<void> => {
    const page = await client.call('messages.list', { contactId, limit: PAGE_SIZE });
    useMessages.getState().mergePage(contactId, page, { place: 'latest', pageSize: PAGE_SIZE });
  };

  /**
   * A message staff just sent belongs at the end: a window paged back jumps to the newest first.
   * Never throws: the send succeeded, and a failed send would have the composer send it again.
   */
  const showSent = async (m: MessageView): Promise<void> => {
    if (useMessages.getState().byContact[m.contactId]?.hasNewer) {
      await loadLatest(m.contactId).catch((err: unknown) => console.warn('messages.list failed', toApiError(err).code));
    }
    useMessages.getState().upsert(m);
  };

  /** The page of OLDER_PAGE_SIZE before or after `anchor`, the window's end; a failure shows as a load error. */
  const loadPage = async (contactId: number, place: 'older' | 'newer', anchor: number): Promise<void> => {
    useMessages.getState().setLoading(contactId, place, true);
    try {
      const from = place === 'older' ? { beforeId: anchor } : { afterId: anchor };
      const page = await client.call('messages.list', { contactId, ...from, limit: OLDER_PAGE_SIZE });
      useMessages.getState().mergePage(contactId, page, { place, pageSize: OLDER_PAGE_SIZE, anchor });
    } catch (err) {
      useApp.getState().setLoadError(toApiError(err));
    } finally {
      useMessages.getState().setLoading(contactId, place, false);
    }
  };

  const markRead = async (contactId: number): Promise<void> => {
    try {
      await client.call('conversations.markRead', { contactId });
    } catch (err) {
      console.warn('markRead failed', toApiError(err).code);
    }
  };

  const loadSim = async (): Promise<void> => {
    const phones = await client.call('sim.customers', {});
    const sim = useSim.getState();
    sim.setPhones(phones);
    if (sim.active === null && phones[0]) sim.setActive(phones[0].phone);
  };

  const reportLoad = async (work: Promise<unknown>): Promise<void> => {
    try {
      await work;
      useApp.getState().setLoadError(null);
    } catch (err) {
      useApp.getState().setLoadError(toApiError(err));
    }
  };

  /** Everything the screen shows, fetched again (first start and after a reconnect). */
  const refreshAll = async (): Promise<void> => {
    await reportLoad(
      (async () => {
        await loadInfo();
        await loadLocale();
        await searchContacts(useContacts.getState().search);
        const selected = useContacts.getState().selectedId;
        if (selected !== null && !useContacts.getState().list.some((c) => c.id === selected)) {
          const c = await client.call('contacts.get', { contactId: selected });
          useContacts.setState((s) => ({ list: [c, ...s.list.filter((x) => x.id !== c.id)] }));
        }
        useMessages.getState().reset();
        if (selected !== null) await loadLatest(selected);
        if (useApp.getState().info?.demo) await loadSim();
      })(),
    );
  };

  /**
   * One idempotency key per composed message: sending the same draft again
   * after a failed or unanswered attempt reuses it, so main sends it once.
   */
  const composeKeys = new Map<string, string>();
  const composeKey = (compose: string): string => {
    let key = composeKeys.get(compose);
    if (!key) composeKeys.set(compose, (key = crypto.randomUUID()));
    return key;
  };

  const messageAdded = (messages: MessageView[]) => {
    // Applied at the next frame, together with whatever else arrives until then.
    useMessages.getState().enqueue(messages);
    const open = useContacts.getState().selectedId;
    if (env.isVisible() && messages.some((m) => m.direction === 'in' && m.contactId === open)) markReadSoon(open!);
  };

  /**
   * One read receipt at a time per conversation: messages arriving while one
   * is under way are covered by a single further one after it. A burst into
   * the open chat asked thousands of times (and ran into the rate limit).
   */
  const reading = new Map<number, boolean>();
  const markReadSoon = (contactId: number): void => {
    if (reading.has(contactId)) {
      reading.set(contactId, true);
      return;
    }
    reading.set(contactId, false);
    void markRead(contactId).finally(() => {
      const again = reading.get(contactId) === true;
      reading.delete(contactId);
      if (again) markReadSoon(contactId);
    });
  };

  /** Contact events, the latest per contact, applied once per frame (a burst updates one contact hundreds of times). */
  const changedContacts = new Map<number, ContactSummary>();
  const contactUpdated = (c: ContactSummary): void => {
    const first = changedContacts.size === 0;
    changedContacts.delete(c.id);
    changedContacts.set(c.id, c);
    if (!first) return;
    nextFrame(() => {
      const store = useContacts.getState();
      const batch = [...changedContacts.values()];
      changedContacts.clear();
      for (const x of batch) store.upsert(x);
    });
  };

  return {
    start() {
      const offs = [
        client.on('message.added', (m) => messageAdded([m])),
        // A batch (catch-up, burst): the same as that many message.added, one read receipt at most.
        client.on('messages.added', ({ messages }) => messageAdded(messages)),
        client.on('message.updated', (m) => useMessages.getState().enqueue([m])),
        client.on('contact.updated', contactUpdated),
        client.on('channel.state', (ch) => useApp.getState().setChannel(ch)),
        client.on('sim.phone', (p) => useSim.getState().upsertPhone(p)),
        client.on('sim.phone.message', (p) => useSim.getState().appendMessage(p.phone, p.message)),
        client.onConnection((state, reconnected) => {
          useApp.getState().setConnection(state);
          if (state === 'open' && reconnected) void refreshAll();
        }),
      ];
      useApp.getState().setConnection(client.connection());
      void refreshAll();
      return () => offs.forEach((off) => off());
    },

    searchContacts: (search) => reportLoad(searchContacts(search)),

    async openContact(contactId) {
      useContacts.getState().select(contactId);
      if (contactId === null) return;
      const held = useMessages.getState().byContact[contactId];
      if (held && !held.hasNewer) {
        // Events keep it current; asked for now, its newest page came back while the new pane was still
        // being drawn (parsed and compared on the window's thread, served on the machine's other core).
        refreshWhenShown.add(contactId);
        return;
      }
      refreshWhenShown.delete(contactId);
      await reportLoad(loadLatest(contactId));
    },

    // Not part of opening: the read's answers (the messages' new status, the contact's and the inbox
    // row's unread count) arrived while the new pane was still being drawn, and each made React draw
    // it again from the start (the first chat of a session was drawn up to three times before it showed).
    async markShown(contactId) {
      if (useContacts.getState().selectedId !== contactId) return;
      const refresh = refreshWhenShown.delete(contactId) ? reportLoad(loadLatest(contactId)) : null;
      const c = useContacts.getState().list.find((x) => x.id === contactId);
      if (c && c.unread > 0) await markRead(contactId);
      await refresh;
    },

    async loadOlder(contactId) {
      const thread = useMessages.getState().byContact[contactId];
      const first = thread?.messages[0];
      if (!thread || !first || !thread.hasOlder || thread.loadingOlder) return;
      await loadPage(contactId, 'older', first.id);
    },

    async loadNewer(contactId) {
      const thread = useMessages.getState().byContact[contactId];
      const last = thread?.messages[thread.messages.length - 1];
      if (!thread || !last || !thread.hasNewer || thread.loadingNewer) return;
      await loadPage(contactId, 'newer', last.id);
    },

    showLatest: (contactId) => reportLoad(loadLatest(contactId)),

    async prefetch(contactId) {
      // Loaded meanwhile (opened, or a reconnect's reload): nothing to fetch ahead.
      if (useMessages.getState().byContact[contactId]) return;
      await loadLatest(contactId);
    },

    async send(contactId, text, quotedMessageId) {
      const compose = `text:${contactId}:${quotedMessageId ?? ''}:${text}`;
      const m = await client.call('messages.send', {
        contactId,
        text,
        idempotencyKey: composeKey(compose),
        ...(quotedMessageId ? { quotedMessageId } : {}),
      });
      composeKeys.delete(compose);
      await showSent(m);
      return m;
    },

    async sendFile(contactId, file, caption, quotedMessageId) {
      const compose = `file:${contactId}:${file.name}:${file.base64.length}:${caption ?? ''}:${quotedMessageId ?? ''}`;
      const m = await client.call('messages.sendMedia', {
        contactId,
        fileName: file.name,
        base64: file.base64,
        ...(caption ? { caption } : {}),
        idempotencyKey: composeKey(compose),
        ...(quotedMessageId ? { quotedMessageId } : {}),
      });
      composeKeys.delete(compose);
      await showSent(m);
      return m;
    },

    async retry(messageId) {
      const m = await client.call('messages.retry', { messageId });
      useMessages.getState().upsert(m);
    },

    async rename(contactId, name) {
      const c = await client.call('contacts.rename', { contactId, name });
      useContacts.getState().upsert(c);
    },

    markRead,
    loadSim: () => reportLoad(loadSim()),

    async simSend(phone, text, extra = {}) {
      const { phone: normalised } = await client.call('sim.send', { phone, ...(text ? { text } : {}), ...extra });
      useSim.getState().setActive(normalised);
      return normalised;
    },

    async setLocale(locale) {
      await showLocale(locale);
      try {
        await client.call('ui.setLocale', { locale });
      } catch (err) {
        // The UI keeps the language for this session; the next start asks again.
        console.warn('ui.setLocale failed', toApiError(err).code);
      }
    },
  };
}
