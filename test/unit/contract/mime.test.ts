import { describe, expect, it } from 'vitest';
import { isSendableMime, mediaKindOf, playableKind as inlineKind, rendererContentType } from '../../../main/contract/mime';

describe('which media the conversation plays inline', () => {
  it('plays a WhatsApp voice note (audio/ogg; codecs=opus) and a video', () => {
    expect(inlineKind('audio/ogg; codecs=opus')).toBe('audio');
    expect(inlineKind('Audio/OGG;codecs=opus')).toBe('audio');
    expect(inlineKind('video/mp4')).toBe('video');
    expect(inlineKind('image/jpeg')).toBe('image');
  });

  it('offers everything else as a download', () => {
    expect(inlineKind('application/pdf')).toBeNull();
    expect(inlineKind('audio/x-unknown; codecs=opus')).toBeNull();
  });
});

describe('the one media type table', () => {
  it('lets staff send exactly the listed types, judged by the sniffed type', () => {
    for (const t of ['image/jpeg', 'image/heic', 'video/quicktime', 'audio/ogg', 'audio/x-m4a', 'application/pdf', 'text/vcard', 'text/calendar']) {
      expect(isSendableMime(t), t).toBe(true);
    }
    for (const t of ['application/x-msdownload', 'application/zip', 'video/ogg', 'text/html', 'constructor', '__proto__']) {
      expect(isSendableMime(t), t).toBe(false);
    }
  });

  it('names the kind by the top-level type, parameters and case aside', () => {
    expect(mediaKindOf('Audio/OGG; codecs=opus')).toBe('audio');
    expect(mediaKindOf('video/x-matroska')).toBe('video');
    expect(mediaKindOf('image/heic')).toBe('image');
    expect(mediaKindOf('application/pdf')).toBe('document');
  });

  it('plays inline only what a browser can play, with the kind of its top-level type', () => {
    expect(inlineKind('video/ogg')).toBe('video');
    expect(inlineKind('image/heic')).toBeNull();
    expect(inlineKind('video/quicktime')).toBeNull();
  });
});

describe('the content type of a file of the built renderer', () => {
  it('comes from its extension, in any case, for both ways the window is served', () => {
    expect(rendererContentType('/srv/renderer/assets/index-B0Xg.js')).toBe('text/javascript; charset=utf-8');
    expect(rendererContentType('C:\\app\\renderer\\index.HTML')).toBe('text/html; charset=utf-8');
    expect(rendererContentType('/srv/renderer/fonts/DejaVuSans.ttf')).toBe('font/ttf');
  });
  it('is plain bytes for anything else, also behind a dotted folder', () => {
    expect(rendererContentType('/srv/renderer/assets/blob.exe')).toBe('application/octet-stream');
    expect(rendererContentType('/srv/renderer.v2/LICENSE')).toBe('application/octet-stream');
  });
});
