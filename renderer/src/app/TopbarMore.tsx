import { Ellipsis, Link2, Megaphone, PlayCircle, ShieldCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, type Key } from './aria';
import { useTranslation } from '../i18n/use-translation';
import { lineActions } from '../features/line/actions';
import { useLine } from '../features/line/line-store';
import { setupActions } from '../features/setup/actions';
import { useUi } from '../store/ui';

/**
 * The top bar's less-used entries behind "Mehr" (a react-aria menu: arrow keys,
 * Enter, Esc, type-ahead), so the bar stays one row at 1280 px: announcements,
 * the manager view, and in the demo "Demo starten" and linking the real line.
 */
export function TopbarMore({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const status = useLine((s) => s.status);
  const switching = useLine((s) => s.switching);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);
  useEffect(() => {
    if (demo) void lineActions.refresh();
  }, [demo]);
  const canLink = demo && status?.mode === 'demo' && status.canSwitch;

  const onAction = (key: Key): void => {
    const ui = useUi.getState();
    if (key === 'announcements') ui.show('announcements');
    else if (key === 'manager') ui.show('manager');
    else if (key === 'demo') {
      setDemoBusy(true);
      void setupActions.startDemo().then((err) => {
        setDemoBusy(false);
        setDemoError(err ? t('setup.demo.failed', { message: err.message }) : null);
      });
    } else if (key === 'link') lineActions.switchLine('line.link');
  };

  const disabled = [...(demoBusy ? ['demo'] : []), ...(switching ? ['link'] : [])];
  return (
    <>
      <MenuTrigger>
        <Button className="btn" data-testid="topbar-more">
          <Ellipsis size={18} aria-hidden="true" />
          <span className="topbar__label">{t('app.more')}</span>
        </Button>
        <Popover className="menu-popover" placement="bottom end">
          <Menu className="menu" onAction={onAction} aria-label={t('app.more')} disabledKeys={disabled}>
            <MenuItem className="menu__item" id="announcements" data-testid="announcements-open" textValue={t('announcements.button')}>
              <Megaphone size={16} aria-hidden="true" />
              {t('announcements.button')}
            </MenuItem>
            <MenuItem className="menu__item" id="manager" data-testid="manager-open" textValue={t('manager.button')}>
              <ShieldCheck size={16} aria-hidden="true" />
              {t('manager.button')}
            </MenuItem>
            {demo && (
              <MenuItem className="menu__item" id="demo" data-testid="demo-start" textValue={t('setup.demo.start')}>
                <PlayCircle size={16} aria-hidden="true" />
                {t('setup.demo.start')}
              </MenuItem>
            )}
            {canLink && (
              <MenuItem className="menu__item" id="link" data-testid="connect-whatsapp" textValue={t('line.connectWhatsApp')}>
                <Link2 size={16} aria-hidden="true" />
                {switching ? t('line.switching') : t('line.connectWhatsApp')}
              </MenuItem>
            )}
          </Menu>
        </Popover>
      </MenuTrigger>
      {demoError && (
        <span className="visually-hidden" role="alert">
          {demoError}
        </span>
      )}
    </>
  );
}
