import { MAX_SEND_MEDIA_BYTES, type MessageView } from '../../contract';
import type { Handlers } from '../router';
import { ApiError } from '../../contract/errors';
import type { AppContext } from '../../app-context';
import type { SimulatorCapability } from '../../core/channel';
import { checkSendable, messageTypeForMime } from '../../core/media-kind';
import { createHash } from 'node:crypto';
import { requestHash } from '../../core/idempotency';
import { neutraliseFileName } from '../../contract/text';
import { toContactSummary, toMessageView } from '../../core/views';
import { markReadByStaff } from '../../core/read-state';

const LOCAL_SCOPE = 'local';

type CoreHandlers = Pick<
  Handlers,
  | 'app.info'
  | 'contacts.list'
  | 'contacts.get'
  | 'contacts.rename'
  | 'messages.list'
  | 'messages.send'
  | 'messages.sendMedia'
  | 'messages.retry'
  | 'conversations.markRead'
  | 'sim.customers'
  | 'sim.send'
>;

import { phoneOrThrow } from '../../core/phone';

export { phoneOrThrow };

export function simulatorOrThrow(ctx: AppContext): SimulatorCapability {
  const sim = ctx.channel.simulator;
  if (!sim) throw new ApiError('unavailable', 'Der Simulator ist nur im Demo-Modus aktiv.');
  return sim;
}

export function coreHandlers(ctx: AppContext): CoreHandlers {
  const { store, messaging } = ctx;
  const contactRow = (contactId: number) => {
    const row = store.contacts.listRow(contactId);
    if (!row) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    return row;
  };
  return {
    'app.info': () => ({
      version: ctx.version,
      demo: ctx.demo,
      channel: ctx.channelStateView(),
      locale: 'de',
    }),
    'contacts.list': ({ search, limit }) =>
      store.contacts.list({ search, limit }).map(toContactSummary),
    'contacts.get': ({ contactId }) => toContactSummary(contactRow(contactId)),
    'contacts.rename': ({ contactId, name }) => {
      contactRow(contactId);
      store.contacts.setName(contactId, name === '' ? null : name, ctx.clock.now());
      messaging.emitContact(contactId);
      return toContactSummary(contactRow(contactId));
    },
    'messages.list': ({ contactId, beforeId, afterId, limit }) => {
      const conversationId = store.messages.conversationIdOf(contactId);
      if (conversationId === undefined) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      return store.messages.page(conversationId, { beforeId, afterId, limit: limit ?? 100 }).map(toMessageView);
    },
    // Idempotency scope: IPC and the page token are the same caller, the app's own UI (see api/server LOCAL_CALLER).
    'messages.send': ({ contactId, text, purpose, quotedMessageId, idempotencyKey }, session) =>
      ctx.idempotency.run(LOCAL_SCOPE, idempotencyKey, 'messages.send', { contactId, text, purpose, quotedMessageId }, () => {
        const author = ctx.profiles.messageAuthor(session);
        return toMessageView(
          messaging.send({ contactId, text, purpose, kind: 'staff', author: 'staff', authorProfileId: author.profileId, authorName: author.name, quotedMessageId }),
        );
      }),
    'messages.sendMedia': async ({ contactId, fileName, base64, caption, purpose, quotedMessageId, idempotencyKey }, session) => {
      const author = ctx.profiles.messageAuthor(session);
      const body = { contactId, fileName, file: createHash('sha256').update(base64).digest('hex'), caption, purpose, quotedMessageId };
      // A repeat is answered before any work: no file is written for it.
      if (idempotencyKey !== undefined) {
        const earlier = ctx.idempotency.replay<MessageView>(LOCAL_SCOPE, idempotencyKey, requestHash('messages.sendMedia', body));
        if (earlier) return earlier;
      }
      // Refused before the file touches the disk; send() asks the gate again.
      messaging.assertMaySend(contactId, purpose, 'staff');
      const data = Buffer.from(base64, 'base64');
      if (data.length > MAX_SEND_MEDIA_BYTES) {
        throw new ApiError('validation', `base64: file is larger than ${MAX_SEND_MEDIA_BYTES / 1024 / 1024} MB`, { field: 'base64' });
      }
      const stored = await ctx.mediaStore.put(data);
      // Whatever happens below, the hold ends: the file stays only if a message references it.
      try {
        const allowed = checkSendable(stored.mime, fileName);
        if (!allowed.ok) throw new ApiError('validation', allowed.message, { field: 'fileName', reason: allowed.reason });
        const name = neutraliseFileName(fileName);
        return ctx.idempotency.run(LOCAL_SCOPE, idempotencyKey, 'messages.sendMedia', body, () =>
          toMessageView(
            messaging.send({
              contactId,
              text: caption ?? '',
              purpose,
              kind: 'staff',
              author: 'staff',
              authorProfileId: author.profileId,
              authorName: author.name,
              quotedMessageId,
              media: { ref: { sha256: stored.sha256, mime: allowed.mime, size: stored.size, fileName: name }, type: messageTypeForMime(allowed.mime) },
            }),
          ),
        );
      } finally {
        stored.release();
      }
    },
    'messages.retry': ({ messageId }) => toMessageView(messaging.retry(messageId)),
    'conversations.markRead': ({ contactId }) => {
      if (!markReadByStaff(ctx, contactId)) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      return { unread: 0 };
    },
    'sim.customers': () => simulatorOrThrow(ctx).customers(),
    'sim.send': async ({ phone, text, media, location, quote }) => {
      const sim = simulatorOrThrow(ctx);
      const e164 = phoneOrThrow(phone);
      const data = media ? Buffer.from(media.data, 'base64') : undefined;
      if (data && data.length === 0) throw new ApiError('validation', 'media.data: file is empty', { field: 'media.data' });
      const { id } = await sim.customerSends(e164, {
        text,
        ...(media && data ? { media: { data, mime: media.mime, fileName: media.fileName } } : {}),
        ...(location ? { location } : {}),
        ...(quote !== undefined ? { quote } : {}),
      });
      return { phone: e164, id };
    },
  };
}
