import type { TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useTranslation } from '../../../renderer/src/i18n/use-translation';
import { resources } from '../../../renderer/src/i18n';
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

/** Every key of a resource tree, dotted ("conversation.status.read"). */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The shared t for a language, taken from a rendered component. */
function tIn(i18n: Awaited<ReturnType<typeof createTestI18n>>, lng: string): TFunction {
  const seen: TFunction[] = [];
  renderIn(i18n, <Probe seen={seen} />, lng);
  return seen[0]!;
}

describe('useTranslation: plain keys looked up once', () => {
  it('gives every key of both languages exactly the text i18next gives, placeholders and plurals included', async () => {
    const i18n = await createTestI18n();
    const keys = keysOf(resources.de.translation);
    expect(keys.length).toBeGreaterThan(500);
    for (const lng of ['de', 'en']) {
      const t = tIn(i18n, lng);
      const reference = i18n.getFixedT(lng);
      // Twice: the first call reads the resources, the second the remembered text.
      for (let round = 0; round < 2; round++) for (const key of keys) expect(t(key), `${lng}: ${key}`).toBe(reference(key));
      // With options it is i18next's own call: interpolation and plural forms.
      expect(t('inbox.title', { count: 3 })).toBe(reference('inbox.title', { count: 3 }));
      expect(t('inbox.title', { count: 1 })).toBe(reference('inbox.title', { count: 1 }));
    }
  });

  it('leaves a text with something to resolve in it to i18next: a nested key, a placeholder', async () => {
    const i18n = await createTestI18n();
    i18n.addResource('de', 'translation', 'test.nested', 'Seit $t(conversation.today)');
    i18n.addResource('de', 'translation', 'test.placeholder', 'Hallo {{name}}');
    const t = tIn(i18n, 'de');
    expect(t('test.nested')).toBe('Seit Heute');
    expect(t('test.nested')).toBe(i18n.getFixedT('de')('test.nested'));
    expect(t('test.placeholder')).toBe(i18n.getFixedT('de')('test.placeholder'));
    expect(t('test.placeholder', { name: 'Anna' })).toBe('Hallo Anna');
  });

  it('a key missing in English falls back to the German text; an unknown key comes back as itself', async () => {
    const i18n = await createTestI18n();
    i18n.addResource('de', 'translation', 'test.onlyGerman', 'Nur Deutsch');
    const t = tIn(i18n, 'en');
    expect(t('test.onlyGerman')).toBe('Nur Deutsch');
    expect(t('test.nowhere')).toBe('test.nowhere');
  });

  it('forgets what it remembered when resources change', async () => {
    const i18n = await createTestI18n();
    const before = tIn(i18n, 'de');
    expect(before('conversation.jumpToNewest')).toBe('Zu den neuesten Nachrichten');
    i18n.addResource('de', 'translation', 'conversation.jumpToNewest', 'Nach unten');
    expect(tIn(i18n, 'de')('conversation.jumpToNewest')).toBe('Nach unten');
  });
});
