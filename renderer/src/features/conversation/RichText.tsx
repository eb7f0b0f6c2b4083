import { find } from 'linkifyjs';
import type { MouseEvent } from 'react';
import { useConversation } from './conversation-store';

/**
 * Message text with its web addresses as links. Text stays text (never
 * markup); a link only asks to be opened, showing its full address first.
 */
export function RichText({ text }: { text: string }) {
  const links = find(text).filter((l) => l.type === 'url' || l.type === 'email');
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
