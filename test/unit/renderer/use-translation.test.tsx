import type { TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useTranslation } from '../../../renderer/src/i18n/use-translation';
import { createTestI18n, renderIn } from '../../helpers/renderer-i18n';

/** A component that shows a translated text and the language, and hands its `t` out. */
function Probe({ seen }: { seen: TFunction[] }) {
  const { t, i18n } = useTranslation();
  seen.push(t);
  return (
    <span lang={i18n.language}>
      {t('conversation.jumpToNewest')} · {t('inbox.title', { count: 3 })}
    </span>
  );
}

describe('useTranslation (renderer/src/i18n/use-translation)', () => {
  it('translates in the language shown, with interpolation, from the provider instance', async () => {
    const i18n = await createTestI18n();
    expect(renderIn(i18n, <Probe seen={[]} />, 'de')).toContain('<span lang="de">Zu den neuesten Nachrichten · ');
    expect(renderIn(i18n, <Probe seen={[]} />, 'en')).toContain('<span lang="en">Jump to the newest messages · ');
    expect(renderIn(i18n, <Probe seen={[]} />, 'en')).toContain('3');
  });

  it('shares one t per language between all components (no per-component copy); another language, another t', async () => {
    const i18n = await createTestI18n();
    const seen: TFunction[] = [];
    renderIn(
      i18n,
      <>
        <Probe seen={seen} />
        <Probe seen={seen} />
      </>,
      'de',
    );
    renderIn(i18n, <Probe seen={seen} />, 'de');
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    renderIn(i18n, <Probe seen={seen} />, 'en');
    expect(seen[3]).not.toBe(seen[0]);
    expect(seen[3]!('conversation.jumpToNewest')).toBe('Jump to the newest messages');
    expect(seen[0]!('conversation.jumpToNewest')).toBe('Zu den neuesten Nachrichten');
  });

  it('without a provider it uses the instance the app initialised', async () => {
    // createTestI18n registers its instance with react-i18next, as initI18n does the app's.
    const i18n = await createTestI18n('en');
    expect(i18n.language).toBe('en');
    expect(renderToStaticMarkup(<Probe seen={[]} />)).toContain('Jump to the newest messages');
  });
});
