import type { SpecialDay } from '@contract';

/** "09:00-12:00, 14:00-18:00" → spans; '' → closed; null when unreadable. */
export function parseDayHours(text: string): SpecialDay['hours'] | null {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const out: SpecialDay['hours'] = [];
  for (const part of trimmed.split(',')) {
    const m = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (!m) return null;
    const open = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    const close = `${m[3]!.padStart(2, '0')}:${m[4]}`;
    if (open >= close || close > '24:00') return null;
    out.push({ open, close });
  }
  return out;
}

export const formatDayHours = (hours: SpecialDay['hours']): string => hours.map((h) => `${h.open}-${h.close}`).join(', ');

export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
