import type { ContactSummary, MessageView } from '../contract';
import { shellTexts } from './texts';

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

export const shouldNotify = (message: MessageView, windowFocused: boolean): boolean =>
  message.direction === 'in' && !windowFocused;

export function notificationText(
  message: MessageView,
  contact: ContactSummary | undefined,
  locale: string,
): NotificationText {
  const t = shellTexts(locale);
  const who = contact ? (contact.name || contact.pushName || contact.phone) : t.notifyUnknown;
  if (!contact || contact.consent.service !== 'granted') return { title: t.notifyTitle(who), body: t.notifyNoConsent };
  const text = message.body.replace(/\s+/g, ' ').trim();
  const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  return { title: t.notifyTitle(who), body: preview || t.notifyMedia };
}
