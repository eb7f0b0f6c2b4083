import { create } from 'zustand';
import type { WebhookDelivery, WebhookView } from '@contract';
import type { ApiError } from '@contract/errors';

export interface WebhooksState {
  hooks: WebhookView[];
  deliveries: WebhookDelivery[];
  /** The signing secret of the webhook just added: shown once. */
  secret: { webhookId: number; value: string } | null;
  error: ApiError | null;
}

export const useWebhooks = create<WebhooksState>()(() => ({ hooks: [], deliveries: [], secret: null, error: null }));
