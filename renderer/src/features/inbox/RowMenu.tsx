import { Check, EllipsisVertical } from 'lucide-react';
import { useState } from 'react';
import { Button, Header, Menu, MenuItem, MenuSection, MenuTrigger, Popover, Separator, type Key } from '../../app/aria';
import { useTranslation } from '../../i18n/use-translation';
import type { InboxItem } from '@contract';
import { useApp } from '../../store/app';
import { toApiError } from '../../api/client';
import { inboxActions } from './actions';
import { useInbox } from './inbox-store';
import { STATUS_ACTIONS } from './workflow';

/** Status, assignee and labels of one row, from its "⋮" button (or the context-menu key on the row). */
export function RowMenu({ item, name }: { item: InboxItem; name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <MenuTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="inbox-row__menu" aria-label={t('inbox.rowMenu', { name })} data-testid="row-menu" excludeFromTabOrder>
        <EllipsisVertical size={18} aria-hidden="true" />
      </Button>
      <Popover className="menu-popover" placement="bottom end">
        <RowMenuItems item={item} name={name} />
      </Popover>
    </MenuTrigger>
  );
}

/** The menu itself: a component of its own, so a closed menu (every row of the list) builds none of it. */
function RowMenuItems({ item, name }: { item: InboxItem; name: string }) {
  const { t } = useTranslation();
  const profiles = useInbox((s) => s.profiles);
  const labels = useInbox((s) => s.labels);
  const has = new Set(item.labels.map((l) => l.name));

  const onAction = (key: Key): void => {
    const k = String(key);
    let patch;
    if (k in STATUS_ACTIONS) patch = STATUS_ACTIONS[k]!(new Date());
    else if (k === 'unassign') patch = { assigneeId: null };
    else if (k.startsWith('assign:')) patch = { assigneeId: Number(k.slice(7)) };
    else if (k.startsWith('label:')) {
      const l = k.slice(6);
      patch = { labels: has.has(l) ? item.labels.map((x) => x.name).filter((x) => x !== l) : [...has, l] };
    }
    if (!patch) return;
    inboxActions.update(item.id, patch).catch((err) => useApp.getState().setLoadError(toApiError(err)));
  };

  return (
    <Menu className="menu" onAction={onAction} aria-label={t('inbox.rowMenu', { name })}>
      <MenuSection>
        <Header className="menu__header">{t('inbox.actions.status')}</Header>
        {item.status !== 'open' && <MenuItem className="menu__item" id="open">{t('inbox.actions.open')}</MenuItem>}
        {item.status !== 'pending' && <MenuItem className="menu__item" id="pending">{t('inbox.actions.pending')}</MenuItem>}
        <MenuItem className="menu__item" id="snooze:1h">{`${t('inbox.actions.snooze')}: ${t('inbox.actions.snooze1h')}`}</MenuItem>
        <MenuItem className="menu__item" id="snooze:tomorrow">{`${t('inbox.actions.snooze')}: ${t('inbox.actions.snoozeTomorrow')}`}</MenuItem>
        {item.status !== 'resolved' && <MenuItem className="menu__item" id="resolved">{t('inbox.actions.resolve')}</MenuItem>}
      </MenuSection>
      <Separator className="menu__sep" />
      <MenuSection>
        <Header className="menu__header">{t('inbox.actions.assign')}</Header>
        {profiles.map((p) => (
          <MenuItem className="menu__item" key={p.id} id={`assign:${p.id}`} textValue={p.name}>
            <span className="assignee-dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            {item.assigneeId === p.id && <Check size={16} aria-hidden="true" className="menu__check" />}
          </MenuItem>
        ))}
        {item.assigneeId !== null && <MenuItem className="menu__item" id="unassign">{t('inbox.actions.unassign')}</MenuItem>}
      </MenuSection>
      {labels.length > 0 && <Separator className="menu__sep" />}
      {labels.length > 0 && (
        <MenuSection>
          <Header className="menu__header">{t('inbox.actions.labels')}</Header>
          {labels.map((l) => (
            <MenuItem className="menu__item" key={l.id} id={`label:${l.name}`} textValue={l.name}>
              <span className="label-chip label-chip--small" style={{ ['--label' as string]: l.color }}>
                {l.name}
              </span>
              {has.has(l.name) && <Check size={16} aria-hidden="true" className="menu__check" />}
            </MenuItem>
          ))}
        </MenuSection>
      )}
    </Menu>
  );
}
