import type { QuickReplyView } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useQuickReplies } from './quick-replies-store';

/** Quick replies: the list (kept fresh by the change event), saving, deleting and filling the variables. */
export function createQuickReplyActions(client: ApiClient) {
  let started = false;
  const load = async (): Promise<void> => {
    try {
      useQuickReplies.getState().setList(await client.call('quickReplies.list', {}));
    } catch (err) {
      console.warn('quickReplies.list failed', toApiError(err).code);
    }
  };
  return {
    /** Loads once and follows changes from other windows. */
    ensure(): void {
      if (started) return;
      started = true;
      client.on('quickReplies.changed', () => void load());
      void load();
    },
    load,
    /** Throws ApiError (validation, conflict). */
    async save(input: { id?: number; locale: 'de' | 'en'; shortcut: string; text: string }): Promise<QuickReplyView> {
      const saved = await client.call('quickReplies.save', input);
      await load();
      return saved;
    },
    async remove(id: number): Promise<void> {
      await client.call('quickReplies.delete', { id });
      await load();
    },
    /** The text with {name}, {shop} and {staff} filled for this customer. */
    async expand(contactId: number, id: number): Promise<string> {
      return (await client.call('quickReplies.expand', { contactId, id })).text;
    },
  };
}

export const quickReplyActions = createQuickReplyActions(api);
