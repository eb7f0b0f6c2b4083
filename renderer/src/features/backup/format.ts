import { i18next } from '../../i18n';

/** A date and time in the UI language ("2. Dez. 2026, 09:00"). */
export function formatWhen(iso: string): string {
  const locale = i18next.language === 'en' ? 'en-GB' : 'de-DE';
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Bytes as "1,2 MB". */
export function formatSize(bytes: number): string {
  const locale = i18next.language === 'en' ? 'en-GB' : 'de-DE';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toLocaleString(locale, { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
}
