import { describe, expect, it } from 'vitest';
import { inlineKind } from '../../../renderer/src/features/conversation/media-kind';

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
