import type { InboxItem, InboxOrder } from '@contract';
import type { InboxView } from './inbox-store';

const t = (iso: string | null): number => (iso ? Date.parse(iso) || 0 : 0);

/** The server's order, for rows that change while the list is shown. */
export function compareItems(order: InboxOrder): (a: InboxItem, b: InboxItem) => number {
  if (order === 'activity') return (a, b) => t(b.lastActivityAt) - t(a.lastActivityAt) || b.id - a.id;
  // Longest waiting first; the answered ones after, most recent first.
  return (a, b) => {
    if (a.waitingSince && b.waitingSince) return t(a.waitingSince) - t(b.waitingSince) || a.id - b.id;
    if (a.waitingSince) return -1;
    if (b.waitingSince) return 1;
    return t(b.lastActivityAt) - t(a.lastActivityAt) || b.id - a.id;
  };
}

/** Whether a row belongs in a view (the server decides on the next page load; this keeps the shown list honest). */
export function belongs(view: InboxView, item: InboxItem, currentProfileId: number | null): boolean {
  switch (view.name) {
    case 'pending':
    case 'snoozed':
    case 'resolved':
      return item.status === view.name;
    default:
      break;
  }
  if (item.status !== 'open') return false;
  switch (view.name) {
    case 'mine':
      return currentProfileId !== null && item.assigneeId === currentProfileId;
    case 'unassigned':
      return item.assigneeId === null;
    case 'waiting':
      return item.waitingSince !== null;
    case 'label':
      return item.labels.some((l) => l.id === view.labelId);
    case 'consent':
      return item.consent.service === view.consent;
    default:
      return true;
  }
}

/**
 * Puts a changed row where it belongs: removed when it left the view, moved to
 * its place otherwise. A row that sorts after the last loaded one waits for its page.
 */
export function placeItem(items: InboxItem[], item: InboxItem, opts: { keep: boolean; order: InboxOrder; hasMore: boolean }): InboxItem[] {
  const rest = items.filter((x) => x.id !== item.id);
  if (!opts.keep) return rest.length === items.length ? items : rest;
  const cmp = compareItems(opts.order);
  let at = rest.findIndex((x) => cmp(item, x) < 0);
  if (at === -1) {
    if (opts.hasMore) return rest.length === items.length ? items : rest;
    at = rest.length;
  }
  return [...rest.slice(0, at), item, ...rest.slice(at)];
}

/** The next (or previous) row after the selected one where a customer waits; wraps around. */
export function nextWaiting(items: InboxItem[], selectedId: number | null, dir: 1 | -1): InboxItem | null {
  const waiting = items.filter((i) => i.waitingSince !== null);
  if (waiting.length === 0) return null;
  const at = items.findIndex((i) => i.id === selectedId);
  if (at === -1) return dir === 1 ? waiting[0]! : waiting[waiting.length - 1]!;
  const ordered = dir === 1 ? [...items.slice(at + 1), ...items.slice(0, at)] : [...items.slice(0, at)].reverse().concat([...items.slice(at + 1)].reverse());
  return ordered.find((i) => i.waitingSince !== null) ?? null;
}
