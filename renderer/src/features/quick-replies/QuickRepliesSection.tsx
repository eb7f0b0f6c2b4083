import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { QuickReplyView } from '@contract';
import { QUICK_REPLY_VARIABLES } from '@contract/constants';
import { errorText } from '../../i18n/errors';
import { Section } from '../settings/parts';
import { quickReplyActions } from './actions';
import { useQuickReplies } from './quick-replies-store';
import './quick-replies.css';

type Draft = { id?: number; locale: 'de' | 'en'; shortcut: string; text: string };

function Editor({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(draft);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await quickReplyActions.save(value);
      onDone();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="qr-editor"
      data-testid="quick-reply-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="qr-editor__row">
        <label className="settings-field">
          <span className="settings-field__label">{t('quickReplies.shortcut')}</span>
          <span className="qr-editor__slash">
            <span aria-hidden="true">/</span>
            <input
              className="input"
              data-testid="quick-reply-shortcut"
              maxLength={32}
              value={value.shortcut}
              onChange={(e) => setValue({ ...value, shortcut: e.target.value.toLowerCase() })}
            />
          </span>
        </label>
        <label className="settings-field">
          <span className="settings-field__label">{t('quickReplies.language')}</span>
          <select
            className="input"
            data-testid="quick-reply-locale"
            value={value.locale}
            onChange={(e) => setValue({ ...value, locale: e.target.value as 'de' | 'en' })}
          >
            <option value="de">{t('quickReplies.locales.de')}</option>
            <option value="en">{t('quickReplies.locales.en')}</option>
          </select>
        </label>
      </div>
      <label className="settings-field">
        <span className="settings-field__label">{t('quickReplies.text')}</span>
        <textarea
          className="input"
          data-testid="quick-reply-text"
          rows={3}
          maxLength={4096}
          value={value.text}
          onChange={(e) => setValue({ ...value, text: e.target.value })}
        />
        <span className="settings-field__hint">
          {t('quickReplies.variables', { list: QUICK_REPLY_VARIABLES.map((v) => `{${v}}`).join(', ') })}
        </span>
      </label>
      <div className="settings-actions">
        <button type="submit" className="btn btn--primary" data-testid="quick-reply-save" disabled={busy}>
          {t('quickReplies.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('quickReplies.cancel')}
        </button>
        {error && (
          <span className="settings__status settings__status--error" role="alert" data-testid="quick-reply-error">
            {t('quickReplies.saveFailed', { message: error })}
          </span>
        )}
      </div>
    </form>
  );
}

/** Settings: the shop's quick replies in German and English, created, changed and deleted here. */
export function QuickRepliesSection() {
  const { t, i18n } = useTranslation();
  const list = useQuickReplies((s) => s.list);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    quickReplyActions.ensure();
  }, []);

  const remove = async (r: QuickReplyView): Promise<void> => {
    setError(null);
    try {
      await quickReplyActions.remove(r.id);
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Section id="quickReplies" title={t('quickReplies.title')} hint={t('quickReplies.hint')}>
      {list && list.length === 0 && !editing && <p className="settings-section__hint">{t('quickReplies.empty')}</p>}
      <ul className="qr-list" data-testid="quick-reply-list">
        {list?.map((r) =>
          editing?.id === r.id ? (
            <li key={r.id}>
              <Editor draft={editing} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={r.id} className="qr-list__item" data-testid="quick-reply-row" data-shortcut={r.shortcut}>
              <span className="qr-list__shortcut">/{r.shortcut}</span>
              <span className="qr-list__locale">{r.locale.toUpperCase()}</span>
              <span className="qr-list__text">{r.text}</span>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-label={t('quickReplies.edit', { shortcut: r.shortcut })}
                title={t('quickReplies.edit', { shortcut: r.shortcut })}
                onClick={() => setEditing({ id: r.id, locale: r.locale, shortcut: r.shortcut, text: r.text })}
              >
                <Pencil size={16} aria-hidden="true" />
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                data-testid="quick-reply-delete"
                aria-label={t('quickReplies.delete', { shortcut: r.shortcut })}
                title={t('quickReplies.delete', { shortcut: r.shortcut })}
                onClick={() => void remove(r)}
              >
                <Trash2 size={16} aria-hidden="true" />
              </button>
            </li>
          ),
        )}
      </ul>
      {editing && editing.id === undefined ? (
        <Editor draft={editing} onDone={() => setEditing(null)} />
      ) : (
        <button
          type="button"
          className="btn"
          data-testid="quick-reply-add"
          onClick={() => setEditing({ locale: i18n.language.startsWith('en') ? 'en' : 'de', shortcut: '', text: '' })}
        >
          <Plus size={16} aria-hidden="true" /> {t('quickReplies.add')}
        </button>
      )}
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {error}
        </p>
      )}
    </Section>
  );
}
