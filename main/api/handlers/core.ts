import { MAX_SEND_MEDIA_BYTES } from '../../contract';
import type { Handlers } from '../router';
import { ApiError } from '../../contract/errors';
import type { AppContext } from '../../app-context';
import { InvalidPhoneError, toE164 } from '../../core/phone';
import { isRefusedForSending, messageTypeForMime } from '../../core/media-kind';
import { toContactSummary, toMessageView } from '../../core/views';
import { SimulatorChannel } from '../../channels/simulator';

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

export function phoneOrThrow(input: string, field = 'phone'): string {
  try {
    return toE164(input);
  } catch (err) {
    if (err instanceof InvalidPhoneError) throw new ApiError('validation', `${field}: ${err.message}`, { field });
    throw err;
  }
}

export function simulatorOrThrow(ctx: AppContext): SimulatorChannel {
  if (!(ctx.channel instanceof SimulatorChannel)) {
    throw new ApiError('unavailable', 'Der Simulator ist nur im Demo-Modus aktiv.');
  }
  return ctx.channel;
}

export function coreHandlers(ctx: AppContext): CoreHandlers {
  const { store, messaging } = ctx;
  const contactRow = (contactId: number) => {
    const row = store.contacts.listRow(contactId);
    if (!row) throw new ApiError('not_found', 'Kontakt nicht gefunden.', { field: 'contactId' });
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
      store.contacts.list({ search, limit: limit ?? 500 }).map(toContactSummary),
    'contacts.get': ({ contactId }) => toContactSummary(contactRow(contactId)),
    'contacts.rename': ({ contactId, name }) => {
      contactRow(contactId);
      store.contacts.setName(contactId, name === '' ? null : name, ctx.clock.now());
      messaging.emitContact(contactId);
      return toContactSummary(contactRow(contactId));
    },
    'messages.list': ({ contactId, beforeId, afterId, limit }) => {
      const conversationId = store.messages.conversationIdOf(contactId);
      if (conversationId === undefined) throw new ApiError('not_found', 'Kontakt nicht gefunden.', { field: 'contactId' });
      return store.messages.page(conversationId, { beforeId, afterId, limit: limit ?? 100 }).map(toMessageView);
    },
    'messages.send': ({ contactId, text, purpose, quotedMessageId }, session) => {
      const author = ctx.profiles.messageAuthor(session);
      return toMessageView(
        messaging.send({ contactId, text, purpose, kind: 'staff', author: 'staff', authorProfileId: author.profileId, authorName: author.name, quotedMessageId }),
      );
    },
    'messages.sendMedia': async ({ contactId, fileName, base64, caption, purpose, quotedMessageId }, session) => {
      const author = ctx.profiles.messageAuthor(session);
      // Refused before the file touches the disk; send() asks the gate again.
      messaging.assertMaySend(contactId, purpose, 'staff');
      const data = Buffer.from(base64, 'base64');
      if (data.length > MAX_SEND_MEDIA_BYTES) {
        throw new ApiError('validation', `base64: Datei ist größer als ${MAX_SEND_MEDIA_BYTES / 1024 / 1024} MB.`, { field: 'base64' });
      }
      const stored = await ctx.mediaStore.put(data);
      if (isRefusedForSending(stored.mime)) {
        if (stored.created) await ctx.mediaStore.remove(stored.sha256);
        throw new ApiError('validation', `fileName: Programmdateien (${stored.mime}) werden nicht an Kunden gesendet.`, {
          field: 'fileName',
        });
      }
      try {
        const message = messaging.send({
          contactId,
          text: caption ?? '',
          purpose,
          kind: 'staff',
          author: 'staff',
          authorProfileId: author.profileId,
          authorName: author.name,
          quotedMessageId,
          media: { ref: { sha256: stored.sha256, mime: stored.mime, size: stored.size, fileName }, type: messageTypeForMime(stored.mime) },
        });
        return toMessageView(message);
      } catch (err) {
        // Refused after all (consent withdrawn a moment ago): leave no file behind.
        if (stored.created) await ctx.mediaStore.remove(stored.sha256);
        throw err;
      }
    },
    'messages.retry': ({ messageId }) => toMessageView(messaging.retry(messageId)),
    'conversations.markRead': ({ contactId }) => {
      const conversationId = store.messages.conversationIdOf(contactId);
      if (conversationId === undefined) throw new ApiError('not_found', 'Kontakt nicht gefunden.', { field: 'contactId' });
      store.messages.markRead(conversationId);
      messaging.emitContact(contactId);
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
