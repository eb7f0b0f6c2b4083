import type { AppContext } from '../../app-context';
import { ApiError } from '../../contract/errors';
import type { Handlers } from '../router';

type WebhookHandlers = Pick<Handlers, 'webhooks.list' | 'webhooks.create' | 'webhooks.delete' | 'webhooks.deliveries'>;

export function webhookHandlers(ctx: AppContext): WebhookHandlers {
  const w = ctx.webhooks;
  return {
    'webhooks.list': () => w.list(),
    'webhooks.create': (input) => w.create(input),
    'webhooks.delete': ({ id }) => {
      if (!w.delete(id)) throw new ApiError('not_found', 'no such webhook', { field: 'id' });
      return { deleted: true };
    },
    'webhooks.deliveries': ({ webhookId }) => w.deliveries(webhookId ?? null),
  };
}
