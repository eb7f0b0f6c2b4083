import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { base64ToBytes } from '../onboarding/onboarding-ui';
import { useMedia, type MediaEntry } from './media-store';

const set = (mediaId: number, entry: MediaEntry | null): void =>
  useMedia.setState((s) => {
    const byId = { ...s.byId };
    if (entry) byId[mediaId] = entry;
    else delete byId[mediaId];
    return { byId };
  });

/**
 * Media bytes through the API (both transports), kept as a blob URL while any
 * attachment shows them: acquire when shown, release when gone.
 */
export function createMediaActions(client: ApiClient) {
  const users = new Map<number, number>();
  return {
    acquire(mediaId: number): void {
      const n = users.get(mediaId) ?? 0;
      users.set(mediaId, n + 1);
      if (n > 0) return;
      set(mediaId, { url: null, error: null });
      client.call('media.get', { mediaId }).then(
        (m) => {
          if (!users.get(mediaId)) return;
          set(mediaId, { url: URL.createObjectURL(new Blob([base64ToBytes(m.base64)], { type: m.mime })), error: null });
        },
        (err: unknown) => {
          if (users.get(mediaId)) set(mediaId, { url: null, error: toApiError(err) });
        },
      );
    },
    release(mediaId: number): void {
      const n = (users.get(mediaId) ?? 0) - 1;
      if (n > 0) {
        users.set(mediaId, n);
        return;
      }
      users.delete(mediaId);
      const url = useMedia.getState().byId[mediaId]?.url;
      if (url) URL.revokeObjectURL(url);
      set(mediaId, null);
    },
  };
}

export const mediaActions = createMediaActions(api);
