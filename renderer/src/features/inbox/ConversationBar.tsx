import { Tag, X } from 'lucide-react';
import { useDeferredValue, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { toApiError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useApp } from '../../store/app';
import { useContacts } from '../../store/contacts';
import { inboxActions, type ConversationPatch } from './actions';
import { useInbox } from './inbox-store';
import { STATUS_ACTIONS } from './workflow';

/**
 * The app shell's bar above the open conversation: status ("Wartet auf Kunde",
 * snooze), assignee and labels. The conversation pane itself lives in features/conversation.
 */
export function ConversationBar() {
  const { t, i18n } = useTranslation();
  const selectedId = useContacts((s) => s.selectedId);
  // Drawn at transition priority, as the thread is: the open chat's row changes with every
  // message that arrives, and that must not hold up typing or a click.
  const item = useDeferredValue(useInbox((s) => s.opened));
  const profiles = useInbox((s) => s.profiles);
  const labels = useInbox((s) => s.labels);
  const [newLabel, setNewLabel] = useState('');
  const listId = useId();

  useEffect(() => {
    void inboxActions.loadOpened(selectedId);
  }, [selectedId]);

  if (selectedId === null || !item || item.id !== selectedId) return null;

  const update = (patch: ConversationPatch) =>
    inboxActions.update(item.id, patch).catch((err) => useApp.getState().setLoadError(toApiError(err)));
  const names = item.labels.map((l) => l.name);
  const addLabel = (e: FormEvent) => {
    e.preventDefault();
    const name = newLabel.trim();
    if (!name || names.includes(name)) return;
    setNewLabel('');
    void update({ labels: [...names, name] });
  };
  const statusValue = item.status;

  return (
    <div className="conv-bar" role="group" aria-label={t('inbox.bar.label')} data-testid="conversation-bar">
      <label className="conv-bar__field">
        {t('inbox.actions.status')}
        <select
          className="input input--small"
          data-testid="status-select"
          value={statusValue}
          onChange={(e) => {
            const action = STATUS_ACTIONS[e.target.value];
            if (action) void update(action(new Date()));
          }}
        >
          <option value="open">{t('inbox.status.open')}</option>
          <option value="pending">{t('inbox.status.pending')}</option>
          {item.status === 'snoozed' && (
            <option value="snoozed">
              {t('inbox.status.snoozed')} {t('inbox.snoozedUntil', { time: formatDateTime(item.snoozeUntil, i18n.language) ?? '' })}
            </option>
          )}
          <option value="snooze:1h">
            {t('inbox.actions.snooze')}: {t('inbox.actions.snooze1h')}
          </option>
          <option value="snooze:tomorrow">
            {t('inbox.actions.snooze')}: {t('inbox.actions.snoozeTomorrow')}
          </option>
          <option value="snooze:week">
            {t('inbox.actions.snooze')}: {t('inbox.actions.snoozeWeek')}
          </option>
          <option value="resolved">{t('inbox.status.resolved')}</option>
        </select>
      </label>
      <label className="conv-bar__field">
        {t('inbox.actions.assign')}
        <select
          className="input input--small"
          data-testid="assignee-select"
          value={item.assigneeId ?? ''}
          onChange={(e) => void update({ assigneeId: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">{t('inbox.unassigned')}</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <div className="conv-bar__labels" data-testid="conversation-labels">
        <Tag size={16} aria-hidden="true" />
        {item.labels.map((l) => (
          <span key={l.id} className="label-chip" style={{ ['--label' as string]: l.color }}>
            {l.name}
            <button
              type="button"
              className="label-chip__remove"
              aria-label={t('inbox.actions.removeLabel', { name: l.name })}
              title={l.name}
              onClick={() => void update({ labels: names.filter((n) => n !== l.name) })}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </span>
        ))}
        <form onSubmit={addLabel}>
          <input
            className="input input--small conv-bar__add"
            list={listId}
            placeholder={t('inbox.actions.newLabel')}
            aria-label={t('inbox.actions.newLabel')}
            data-testid="label-input"
            maxLength={40}
            value={newLabel}
            onChange={(e) => setNewLabel(e.target.value)}
          />
          <datalist id={listId}>
            {labels
              .filter((l) => !names.includes(l.name))
              .map((l) => (
                <option key={l.id} value={l.name} />
              ))}
          </datalist>
        </form>
      </div>
    </div>
  );
}
