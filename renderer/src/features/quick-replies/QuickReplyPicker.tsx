import { useTranslation } from '../../i18n/use-translation';
import type { QuickReplyView } from '@contract';
import './quick-replies.css';

/**
 * The list under "/shortcut" in the composer. The textarea keeps focus and
 * drives it (arrow keys, Enter, Esc) through aria-activedescendant.
 */
export function QuickReplyPicker({
  id,
  items,
  active,
  onPick,
}: {
  id: string;
  items: QuickReplyView[];
  active: number;
  onPick: (reply: QuickReplyView) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="qr-picker" data-testid="quick-reply-picker">
      <div className="qr-picker__head">{t('quickReplies.pickerTitle')}</div>
      {items.length === 0 ? (
        <p className="qr-picker__empty">{t('quickReplies.none')}</p>
      ) : (
        <ul className="qr-picker__list" role="listbox" id={id} aria-label={t('quickReplies.pickerTitle')}>
          {items.map((r, i) => (
            <li
              key={r.id}
              id={`${id}-${r.id}`}
              role="option"
              aria-selected={i === active}
              className={`qr-picker__item${i === active ? ' qr-picker__item--active' : ''}`}
              data-testid="quick-reply-option"
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(r);
              }}
            >
              <span className="qr-picker__shortcut">/{r.shortcut}</span>
              <span className="qr-picker__text">{r.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
