import type { ContactSummary } from '@contract';

/**
 * The QR code arrives as SVG markup. As an <img> source it is rendered as an
 * image only: no script in it can run and nothing in it touches the page.
 */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export { base64ToBytes } from '../../lib/download';

/** A file name safe to offer for download (no path parts, sensible length). */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() ?? '';
  return base && base !== '.' && base !== '..' ? base.slice(0, 120) : fallback;
}

/**
 * Whether a contact event is a customer who turned up while the QR screen was
 * open: unknown when it opened, or created after it opened.
 */
export function isNewArrival(
  contact: Pick<ContactSummary, 'id' | 'createdAt'>,
  openedAt: number,
  knownIds: ReadonlySet<number>,
): boolean {
  if (knownIds.has(contact.id)) return false;
  const created = Date.parse(contact.createdAt);
  // Unknown to this screen: if its creation time is unreadable, trust that it is new.
  return Number.isNaN(created) || created >= openedAt - 5_000;
}

/** The number a wa.me link opens (the contract's phone rule). */
export { phoneFromWaLink } from '@contract/phone';
