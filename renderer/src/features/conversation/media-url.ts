import { useEffect } from 'react';
import type { MessageView } from '@contract';
import { mediaActions } from './media-actions';
import { useMedia, type MediaEntry } from './media-store';

const NONE: MediaEntry = { url: null, error: null };
export type Media = NonNullable<MessageView['media']>;

/** The bytes as a blob URL while shown (see media-actions). */
export function useMediaUrl(media: Media, enabled: boolean): MediaEntry {
  useEffect(() => {
    if (!enabled) return;
    mediaActions.acquire(media.id);
    return () => mediaActions.release(media.id);
  }, [media.id, enabled]);
  return useMedia((s) => s.byId[media.id]) ?? NONE;
}
