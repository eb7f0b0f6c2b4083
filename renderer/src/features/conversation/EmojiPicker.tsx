import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/use-translation';

interface PickerElement extends HTMLElement {
  shadowRoot: ShadowRoot;
}

/**
 * The page's policy refuses inline <style>; the picker's own styles are
 * handed to its shadow root as a constructed style sheet instead.
 */
function adoptStyles(picker: PickerElement): void {
  const style = picker.shadowRoot.querySelector('style');
  if (!style?.textContent) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(style.textContent);
  picker.shadowRoot.adoptedStyleSheets = [sheet];
  style.remove();
}

/** emoji-mart's Picker web component, loaded the first time it is opened, in the UI's language. */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  const close = useRef(onClose);
  pick.current = onPick;
  close.current = onClose;
  const locale = i18n.language.startsWith('de') ? 'de' : 'en';

  useEffect(() => {
    let cancelled = false;
    const host = hostRef.current;
    void (async () => {
      const [{ Picker }, data, words] = await Promise.all([
        import('emoji-mart'),
        import('@emoji-mart/data'),
        locale === 'de' ? import('@emoji-mart/data/i18n/de.json') : import('@emoji-mart/data/i18n/en.json'),
      ]);
      if (cancelled || !host) return;
      const picker = new Picker({
        data: data.default,
        i18n: words.default,
        locale,
        theme: document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'auto',
        previewPosition: 'none',
        skinTonePosition: 'search',
        autoFocus: true,
        onEmojiSelect: (e: { native: string }) => pick.current(e.native),
        onClickOutside: () => close.current(),
      }) as unknown as PickerElement;
      adoptStyles(picker);
      host.replaceChildren(picker);
    })();
    return () => {
      cancelled = true;
      host?.replaceChildren();
    };
  }, [locale]);

  return (
    <div
      className="emoji-popover"
      data-testid="emoji-picker"
      role="dialog"
      aria-label={t('composer.emoji')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div ref={hostRef} className="emoji-popover__host">
        <p className="emoji-popover__loading">{t('composer.emojiLoading')}</p>
      </div>
    </div>
  );
}
