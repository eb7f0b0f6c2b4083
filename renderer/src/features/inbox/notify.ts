import type { InboxItem } from '@contract';
import { i18next } from '../../i18n';
import { displayName } from '../../lib/format';
import { useContacts } from '../../store/contacts';
import { useUi } from '../../store/ui';
import { useInbox } from './inbox-store';

/** The staff's notification choices, kept in this browser (per counter). */
export interface NotifySettings {
  enabled: boolean;
  /** Show the message text; off by default (customers' words stay off the screen). */
  showText: boolean;
  /** A short tone; off by default. */
  sound: boolean;
}

const KEY = 'tresen.notify';
export const DEFAULT_NOTIFY: NotifySettings = { enabled: true, showText: false, sound: false };

export function readNotifySettings(): NotifySettings {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return DEFAULT_NOTIFY;
    const v = JSON.parse(raw) as Partial<NotifySettings>;
    return {
      enabled: v.enabled !== false,
      showText: v.showText === true,
      sound: v.sound === true,
    };
  } catch {
    return DEFAULT_NOTIFY;
  }
}

export function writeNotifySettings(s: NotifySettings): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(s));
  } catch {
    // Private mode: the choice holds for this session.
  }
}

/** A soft two-tone chime, made on the spot (no sound file to ship). */
function chime(): void {
  try {
    const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [660, 880].forEach((f, i) => {
      const o = ctx.createOscillator();
      o.frequency.value = f;
      o.connect(gain);
      o.start(ctx.currentTime + i * 0.15);
      o.stop(ctx.currentTime + i * 0.15 + 0.12);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // No audio device: silence is fine.
  }
}

export interface Notifier {
  message(contactId: number, text?: string | null): void;
  handOver(item: InboxItem): void;
  /** Opens the chat a notification was about (set by App). */
  onOpen(fn: (contactId: number) => void): void;
  /** Last texts for the screen-reader live region. */
  subscribe(fn: (text: string) => void): () => void;
}

function createNotifier(): Notifier {
  let open: (contactId: number) => void = () => {};
  const listeners = new Set<(text: string) => void>();

  const nameOf = (contactId: number): string => {
    const c =
      useInbox.getState().items.find((i) => i.id === contactId) ?? useContacts.getState().list.find((x) => x.id === contactId);
    return c ? displayName(c) : i18next.t('inbox.notify.someone');
  };

  const show = (contactId: number, title: string, body: string): void => {
    listeners.forEach((fn) => fn(title));
    if (useUi.getState().locked) return;
    const settings = readNotifySettings();
    if (!settings.enabled) return;
    const visible = typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus();
    const selected = useContacts.getState().selectedId === contactId;
    // The open chat in front of the staff needs no notification.
    if (visible && selected) return;
    if (settings.sound) chime();
    const N = (globalThis as { Notification?: typeof Notification }).Notification;
    if (!N || N.permission !== 'granted') return;
    const n = new N(title, { body, tag: `tresen-${contactId}` });
    n.onclick = () => {
      globalThis.focus?.();
      open(contactId);
      n.close();
    };
  };

  return {
    message(contactId, text) {
      const settings = readNotifySettings();
      const name = nameOf(contactId);
      show(
        contactId,
        i18next.t('inbox.notify.newMessage', { name }),
        settings.showText && text ? text : i18next.t('inbox.notify.openHint'),
      );
    },
    handOver(item) {
      show(item.id, i18next.t('inbox.notify.handOver', { name: displayName(item) }), i18next.t('inbox.notify.openHint'));
    },
    onOpen(fn) {
      open = fn;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export const notifier = createNotifier();
