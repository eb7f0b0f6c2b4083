import { create } from 'zustand';
import type { ApiError } from '@contract/errors';

export interface MediaEntry {
  /** A blob URL of the bytes, while at least one attachment shows them. */
  url: string | null;
  error: ApiError | null;
}

/** Files fetched through the API, by media id. */
export const useMedia = create<{ byId: Record<number, MediaEntry> }>()(() => ({ byId: {} }));
