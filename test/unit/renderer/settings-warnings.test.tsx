import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { SaveStatus } from '../../../renderer/src/features/settings/parts';
import { createTestI18n, renderIn } from '../../helpers/renderer-i18n';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

describe('settings: the warnings settings.update returns', () => {
  const saved = (warnings?: unknown) => ({ state: 'saved' as const, value: { quarantineHours: 24, ...(warnings ? { warnings } : {}) } });

  it('are shown beside the saved status, naming the customer text and its language', () => {
    const out = renderIn(
      i18n,
      <SaveStatus save={saved([{ key: 'consent_request', locale: 'de', problem: 'mentions 72 Stunden but quarantineHours is 24' }])} testId="s" />,
    );
    expect(out).toContain('data-testid="settings-warnings"');
    expect(out).toContain('Der Text „Einwilligungsanfrage“ (DE) passt nicht mehr zu dieser Einstellung');
    expect(out).toContain('title="mentions 72 Stunden but quarantineHours is 24"');
    const en = renderIn(i18n, <SaveStatus save={saved([{ key: 'consent_request', locale: 'en', problem: 'x' }])} testId="s" />, 'en');
    expect(en).toContain('(EN) no longer matches this setting');
  });

  it('leave a save without warnings as a plain "saved"', () => {
    const out = renderIn(i18n, <SaveStatus save={saved([])} testId="s" />);
    expect(out).toContain('Gespeichert.');
    expect(out).not.toContain('settings-warnings');
  });
});
