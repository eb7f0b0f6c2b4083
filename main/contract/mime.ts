/**
 * One rule for media types, shared by main and the renderer: parameters such
 * as `audio/ogg; codecs=opus` name the same container as `audio/ogg`.
 */
export function baseMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

const IMAGE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const VIDEO = new Set(['video/mp4', 'video/webm', 'video/ogg']);
const AUDIO = new Set(['audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/webm', 'audio/wav', 'audio/x-wav', 'audio/amr']);

/** How a file can be shown inline in a chat; null = offered as a document. */
export function playableKind(mime: string): 'image' | 'video' | 'audio' | null {
  const base = baseMime(mime);
  if (IMAGE.has(base)) return 'image';
  if (VIDEO.has(base)) return 'video';
  if (AUDIO.has(base)) return 'audio';
  return null;
}
