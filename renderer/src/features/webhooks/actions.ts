import type { WebhookEvent } from '@contract';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { api } from '../../api';
import { useWebhooks } from './webhooks-store';

/** The webhook section's actions: components read useWebhooks and call these. */
export function createWebhookActions(client: ApiClient) {
  const refresh = async (): Promise<void> => {
    try {
      const [hooks, deliveries] = await Promise.all([client.call('webhooks.list', {}), client.call('webhooks.deliveries', {})]);
      useWebhooks.setState({ hooks, deliveries });
    } catch (err) {
      useWebhooks.setState({ error: toApiError(err) });
    }
  };
  return {
    refresh,
    open(): Promise<void> {
      useWebhooks.setState({ error: null, secret: null });
      return refresh();
    },
    async add(input: { name: string; url: string; events: WebhookEvent[] }): Promise<boolean> {
      useWebhooks.setState({ error: null });
      try {
        const r = await client.call('webhooks.create', input);
        useWebhooks.setState({ secret: { webhookId: r.webhook.id, value: r.secret } });
        await refresh();
        return true;
      } catch (err) {
        useWebhooks.setState({ error: toApiError(err) });
        return false;
      }
    },
    async remove(id: number): Promise<void> {
      try {
        await client.call('webhooks.delete', { id });
        useWebhooks.setState((s) => ({ secret: s.secret?.webhookId === id ? null : s.secret }));
        await refresh();
      } catch (err) {
        useWebhooks.setState({ error: toApiError(err) });
      }
    },
    forgetSecret(): void {
      useWebhooks.setState({ secret: null });
    },
    /** The log follows each try while the section is open. */
    watch(): () => void {
      return client.on('webhooks.delivery', () => void refresh());
    },
  };
}

export const webhookActions = createWebhookActions(api);
