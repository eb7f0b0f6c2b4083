import type { MessageView } from '@contract';

/**
 * A message as the renderer gets it: a customer's text in conversation 1,
 * one minute after the other by id, unless `over` says otherwise.
 */
export const messageView = (id: number, over: Partial<MessageView> = {}): MessageView => ({
  id,
  contactId: 1,
  direction: 'in',
  type: 'text',
  body: `m${id}`,
  author: 'customer',
  status: 'received',
  purpose: null,
  createdAt: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
  media: null,
  error: null,
  authorProfileId: null,
  authorName: null,
  quotedMessageId: null,
  quoted: null,
  ...over,
});
