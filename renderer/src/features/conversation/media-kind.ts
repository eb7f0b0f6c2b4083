/**
 * Types the browser can show inline; everything else is offered as a download.
 * Parameters are ignored: a WhatsApp voice note is "audio/ogg; codecs=opus".
 */
export const inlineKind = (fullMime: string): 'image' | 'video' | 'audio' | null => {
  const mime = (fullMime.split(';')[0] ?? '').trim().toLowerCase();
  if (/^image\/(png|jpeg|gif|webp)$/.test(mime)) return 'image';
  if (/^video\/(mp4|webm)$/.test(mime)) return 'video';
  if (/^audio\/(ogg|mpeg|mp4|aac|webm|wav)$/.test(mime)) return 'audio';
  return null;
};
