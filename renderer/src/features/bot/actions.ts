import type { BotSettings } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { initialBot, useBot } from './bot-store';

/** Bot settings actions: load when the settings screen opens, save a patch. */
export function createBotActions(client: ApiClient) {
  return {
    async load(): Promise<void> {
      useBot.setState(initialBot);
      try {
        useBot.setState({ settings: await client.call('bot.settings', {}) });
      } catch (err) {
        useBot.setState({ loadError: toApiError(err) });
      }
    },
    async save(patch: Partial<BotSettings>): Promise<BotSettings> {
      const settings = await client.call('bot.settings.update', { patch });
      useBot.setState({ settings });
      return settings;
    },
  };
}

export const botActions = createBotActions(api);
