import type { AnnouncementView } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { initialAnnouncements, useAnnouncements } from './announcements-store';

const upsert = (items: AnnouncementView[], v: AnnouncementView) =>
  items.some((i) => i.id === v.id) ? items.map((i) => (i.id === v.id ? v : i)) : [v, ...items];

/** The announcements screen's actions; progress arrives as announcement.changed events. */
export function createAnnouncementActions(client: ApiClient) {
  const run = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      useAnnouncements.setState({ error: null });
      return await fn();
    } catch (err) {
      useAnnouncements.setState({ error: toApiError(err) });
      return null;
    }
  };
  return {
    /** Loads the list and follows progress until the returned function is called. */
    open(): () => void {
      useAnnouncements.setState(initialAnnouncements);
      void run(async () => {
        const [list, settings] = await Promise.all([client.call('announcements.list', {}), client.call('bot.settings', {})]);
        useAnnouncements.setState({ items: list.items, pacing: settings.announcements });
      });
      return client.on('announcement.changed', (v) => useAnnouncements.setState((s) => ({ items: upsert(s.items, v) })));
    },
    preview: (text: string) => run(async () => useAnnouncements.setState({ preview: await client.call('announcements.preview', { text }) })),
    /** Creates it; without a time it starts sending at once (paced by main). */
    create: (text: string, sendAt?: string) =>
      run(async () => {
        const { id } = await client.call('announcements.create', sendAt ? { text, sendAt } : { text });
        const v = sendAt ? await client.call('announcements.get', { id }) : await client.call('announcements.send', { id });
        useAnnouncements.setState((s) => ({ items: upsert(s.items, v), preview: null }));
      }),
    act: (action: 'send' | 'pause' | 'resume' | 'cancel', id: string) =>
      run(async () => {
        const v = await client.call(`announcements.${action}`, { id });
        useAnnouncements.setState((s) => ({ items: upsert(s.items, v) }));
      }),
  };
}

export const announcementActions = createAnnouncementActions(api);
