import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary } from '@contract';
import { controller } from '../../app/instance';
import { errorText } from '../../i18n/errors';

/** Inline edit of the name the shop knows a contact by. */
export function RenameForm({ contact, onDone }: { contact: ContactSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact.name ?? contact.pushName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.select();
  }, []);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await controller.rename(contact.id, name.trim());
      onDone();
    } catch (err) {
      setError(t('conversation.renameFailed', { message: errorText(t, err) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="rename" onSubmit={(e) => void save(e)}>
      <input
        ref={inputRef}
        className="input rename__input"
        data-testid="rename-input"
        aria-label={t('conversation.renameLabel')}
        placeholder={t('conversation.renamePlaceholder')}
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
        }}
      />
      <button type="submit" className="btn btn--primary btn--small" data-testid="rename-save" disabled={saving}>
        {t('conversation.renameSave')}
      </button>
      <button type="button" className="btn btn--small" onClick={onDone}>
        {t('conversation.renameCancel')}
      </button>
      {error && (
        <span className="rename__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
