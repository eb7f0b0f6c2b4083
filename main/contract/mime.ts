/**
 * One rule for media types, shared by main and the renderer: parameters such
 * as `audio/ogg; codecs=opus` name the same container as `audio/ogg`.
 */
export function baseMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** The kind of file a media type is, by its top-level type. */
export type MediaKind = 'image' | 'video' | 'audio' | 'document';

export function mediaKindOf(mime: string): MediaKind {
  const base = baseMime(mime);
  if (base.startsWith('image/')) return 'image';
  if (base.startsWith('video/')) return 'video';
  if (base.startsWith('audio/')) return 'audio';
  return 'document';
}

/**
 * The one table of media types Tresen knows: `send` = staff may send it to
 * customers (judged by the type sniffed from the bytes), `inline` = the chat
 * shows or plays it in place. Anything not listed is neither.
 */
const MEDIA_TYPES: Record<string, { send?: true; inline?: true }> = {
  'image/jpeg': { send: true, inline: true },
  'image/png': { send: true, inline: true },
  'image/gif': { send: true, inline: true },
  'image/webp': { send: true, inline: true },
  'image/heic': { send: true },
  'image/heif': { send: true },
  'image/avif': { send: true },
  'image/bmp': { send: true },
  'image/tiff': { send: true },
  'video/mp4': { send: true, inline: true },
  'video/webm': { send: true, inline: true },
  'video/ogg': { inline: true },
  'video/quicktime': { send: true },
  'video/3gpp': { send: true },
  'video/x-matroska': { send: true },
  'audio/ogg': { send: true, inline: true },
  'audio/opus': { send: true, inline: true },
  'audio/mpeg': { send: true, inline: true },
  'audio/mp4': { send: true, inline: true },
  'audio/aac': { send: true, inline: true },
  'audio/webm': { send: true, inline: true },
  'audio/wav': { send: true, inline: true },
  'audio/x-wav': { send: true, inline: true },
  'audio/amr': { send: true, inline: true },
  'audio/x-m4a': { send: true },
  'audio/flac': { send: true },
  'audio/x-flac': { send: true },
  'application/pdf': { send: true },
  'application/rtf': { send: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { send: true },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { send: true },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { send: true },
  'application/vnd.oasis.opendocument.text': { send: true },
  'application/vnd.oasis.opendocument.spreadsheet': { send: true },
  'application/vnd.oasis.opendocument.presentation': { send: true },
  'text/vcard': { send: true },
  'text/calendar': { send: true },
};

/** Whether staff may send a file of this (sniffed) type; see the table above. */
export function isSendableMime(mime: string): boolean {
  return MEDIA_TYPES[mime]?.send === true;
}

/** How a file can be shown inline in a chat; null = offered as a document. */
export function playableKind(mime: string): 'image' | 'video' | 'audio' | null {
  const base = baseMime(mime);
  if (MEDIA_TYPES[base]?.inline !== true) return null;
  const kind = mediaKindOf(base);
  return kind === 'document' ? null : kind;
}

/**
 * The content type of a file of the built renderer, by its extension: one
 * table for both ways the window is served (app:// in Electron, the loopback
 * server in serve mode); anything else is sent as bytes.
 */
const RENDERER_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
};

export function rendererContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 && RENDERER_TYPES[fileName.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
