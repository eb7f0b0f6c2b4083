import type { ContactSummary, MessageView } from '../contract';

/**
 * What the desktop notification for an inbound message says. The counter PC
 * screen faces customers, so the text is short, and a person who has not
 * (or no longer) consented to service chat gets no preview at all: what they
 * wrote stays in quarantine, out of sight.
 */
export interface NotificationText {
  title: string;
  body: string;
}

const PREVIEW_CHARS = 80;

const strings = {
  de: {
    title: (who: string) => `Neue Nachricht von ${who}`,
    noConsent: 'Wartet auf Einwilligung',
    media: 'Medien',
    unknown: 'Unbekannter Kontakt',
  },
  en: {
    title: (who: string) => `New message from ${who}`,
    noConsent: 'Waiting for consent',
    media: 'Media',
    unknown: 'Unknown contact',
  },
};

export const shouldNotify = (message: MessageView, windowFocused: boolean): boolean =>
  message.direction === 'in' && !windowFocused;

export function notificationText(
  message: MessageView,
  contact: ContactSummary | undefined,
  locale: string,
): NotificationText {
  const t = locale.toLowerCase().startsWith('de') ? strings.de : strings.en;
  const who = contact ? (contact.name || contact.pushName || contact.phone) : t.unknown;
  if (!contact || contact.consent.service !== 'granted') return { title: t.title(who), body: t.noConsent };
  const text = message.body.replace(/\s+/g, ' ').trim();
  const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  return { title: t.title(who), body: preview || t.media };
}
