import { find } from 'linkifyjs';
import type { MouseEvent } from 'react';
import { useConversation } from './conversation-store';

/**
 * Whether linkify could find a web or mail address in the text: each needs a
 * dot before a character (a domain and its top-level domain), an @, a colon
 * before a character (a scheme such as "https:" or "mailto:") or the word
 * localhost. Most chat messages have none of them, and linkify's scan of a
 * text was a quarter of drawing a message's bubble.
 */
export function mayHoldLink(text: string): boolean {
  return /\.\S|@|:\S|localhost/i.test(text);
}

/**
 * Message text with its web addresses as links. Text stays text (never
 * markup); a link only asks to be opened, showing its full address first.
 */
export function RichText({ text }: { text: string }) {
  const links = mayHoldLink(text) ? find(text).filter((l) => l.type === 'url' || l.type === 'email') : [];
  if (links.length === 0) return <>{text}</>;
  const parts: Array<string | { href: string; value: string; start: number }> = [];
  let at = 0;
  for (const l of links) {
    if (l.start > at) parts.push(text.slice(at, l.start));
    parts.push({ href: l.href, value: l.value, start: l.start });
    at = l.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  const ask = (e: MouseEvent, href: string): void => {
    e.preventDefault();
    useConversation.getState().setPendingLink(href);
  };
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <a key={`${p.start}-${i}`} className="msg__link" href={p.href} data-testid="message-link" onClick={(e) => ask(e, p.href)}>
            {p.value}
          </a>
        ),
      )}
    </>
  );
}
