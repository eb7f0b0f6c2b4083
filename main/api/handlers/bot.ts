import type { Handlers } from '../router';
import type { AppContext } from '../../app-context';

type BotHandlers = Pick<
  Handlers,
  | 'bot.settings'
  | 'bot.settings.update'
  | 'bot.test'
  | 'bot.conversation'
  | 'announcements.preview'
  | 'announcements.create'
  | 'announcements.list'
  | 'announcements.get'
  | 'announcements.send'
  | 'announcements.pause'
  | 'announcements.resume'
  | 'announcements.cancel'
>;

export function botHandlers(ctx: AppContext): BotHandlers {
  const { bot, announcements } = ctx;
  return {
    'bot.settings': () => bot.settings(),
    'bot.settings.update': ({ patch }) => bot.updateSettings(patch),
    'bot.test': ({ text, locale }) => bot.decide(text, locale),
    'bot.conversation': ({ contactId }) => bot.conversation(contactId),
    'announcements.preview': ({ text }) => announcements.preview(text),
    'announcements.create': (input) => announcements.create(input),
    'announcements.list': () => ({ items: announcements.list() }),
    'announcements.get': ({ id }) => announcements.get(id),
    'announcements.send': ({ id }) => announcements.send(id),
    'announcements.pause': ({ id }) => announcements.pause(id),
    'announcements.resume': ({ id }) => announcements.resume(id),
    'announcements.cancel': ({ id }) => announcements.cancel(id),
  };
}
