import { create } from 'zustand';
import type { AnnouncementPreview, AnnouncementView, BotSettings } from '@contract';
import type { ApiError } from '@contract/errors';

export interface AnnouncementsState {
  items: AnnouncementView[];
  preview: AnnouncementPreview | null;
  pacing: BotSettings['announcements'] | null;
  error: ApiError | null;
}

export const initialAnnouncements: AnnouncementsState = { items: [], preview: null, pacing: null, error: null };
export const useAnnouncements = create<AnnouncementsState>()(() => initialAnnouncements);
