import type { ConversationPatch } from './actions';

export type SnoozePreset = '1h' | 'tomorrow' | 'week';

/** When a snooze preset ends, in local time: in an hour, tomorrow 9:00, next Monday 9:00. */
export function snoozeUntil(preset: SnoozePreset, now: Date): string {
  const d = new Date(now);
  if (preset === '1h') return new Date(now.getTime() + 3600_000).toISOString();
  d.setHours(9, 0, 0, 0);
  if (preset === 'tomorrow') d.setDate(d.getDate() + 1);
  else d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
  return d.toISOString();
}

/** The menu's status entries as updates. */
export const STATUS_ACTIONS: Record<string, (now: Date) => ConversationPatch> = {
  open: () => ({ status: 'open' }),
  pending: () => ({ status: 'pending' }),
  'snooze:1h': (now) => ({ snoozeUntil: snoozeUntil('1h', now) }),
  'snooze:tomorrow': (now) => ({ snoozeUntil: snoozeUntil('tomorrow', now) }),
  'snooze:week': (now) => ({ snoozeUntil: snoozeUntil('week', now) }),
  resolved: () => ({ status: 'resolved' }),
};
