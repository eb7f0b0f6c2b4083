import type { MessageType } from '../core/channel';

/** Which kind of message a file becomes, by its sniffed type (never by its name). */
export function messageTypeForMime(mime: string): MessageType {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

/**
 * Programs and scripts are never sent to customers: a shop has no reason to,
 * and a mis-click must not turn the shop's line into a malware channel.
 */
const REFUSED = new Set([
  'application/x-msdownload',
  'application/x-ms-installer',
  'application/x-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
  'application/vnd.microsoft.portable-executable',
  'application/x-apple-diskimage',
  'application/vnd.android.package-archive',
  'application/java-archive',
]);

export const isRefusedForSending = (mime: string): boolean => REFUSED.has(mime);
