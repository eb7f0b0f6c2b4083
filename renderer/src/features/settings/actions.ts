import type { ConsentSettings, Locale, MethodOutput, TemplateKey, TemplateView } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { initialSettings, useSettings } from './settings-store';

export type ImportResult = MethodOutput<'consent.import'>;

/** The settings screen's actions: components read useSettings and call these; failures throw ApiError. */
export function createSettingsActions(client: ApiClient) {
  let session = 0;
  return {
    /** The screen opened: load the settings and the customer texts afresh. */
    async open(): Promise<void> {
      const mine = ++session;
      useSettings.setState(initialSettings);
      await Promise.all([
        client.call('settings.get', {}).then(
          (settings) => mine === session && useSettings.setState({ settings }),
          (err: unknown) => mine === session && useSettings.setState({ loadError: toApiError(err) }),
        ),
        client.call('templates.list', { includeHistory: true }).then(
          (templates) => mine === session && useSettings.setState({ templates }),
          (err: unknown) => mine === session && useSettings.setState({ templatesError: toApiError(err) }),
        ),
      ]);
    },

    /** Sends a patch; main's answer becomes the shown settings. */
    async savePatch(patch: Partial<ConsentSettings>): Promise<ConsentSettings> {
      const settings = await client.call('settings.update', { patch });
      useSettings.setState({ settings });
      return settings;
    },

    /** Stores a new version of a customer text. */
    async saveTemplate(key: TemplateKey, locale: Locale, text: string): Promise<TemplateView> {
      const v = await client.call('templates.update', { key, locale, text });
      useSettings.setState((s) => ({ templates: [...(s.templates ?? []), v] }));
      return v;
    },

    /** The file's name and who runs the import go into the import's proof record. */
    importConsent(csv: string, source: { fileName?: string; recordedBy?: string } = {}): Promise<ImportResult> {
      return client.call('consent.import', {
        csv,
        ...(source.fileName ? { fileName: source.fileName.slice(0, 255) } : {}),
        ...(source.recordedBy ? { recordedBy: source.recordedBy } : {}),
      });
    },
  };
}

export const settingsActions = createSettingsActions(api);
