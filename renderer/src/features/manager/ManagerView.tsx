import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useUi } from '../../store/ui';
import { managerTabs } from './tabs';
import '../settings/settings.css';
import './manager.css';

/** The manager's area: a full-window view with one tab per area (see tabs.ts). */
export function ManagerView() {
  const { t } = useTranslation();
  const hide = useCallback(() => useUi.getState().hide('manager'), []);
  const [active, setActive] = useState(managerTabs[0]!.id);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // The proof drawer closes first (it listens too); the view closes when no drawer is open.
      if (e.key === 'Escape' && !document.querySelector('[data-testid="consent-panel"]')) hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hide]);

  const move = (delta: number): void => {
    const i = managerTabs.findIndex((tab) => tab.id === active);
    const next = managerTabs[(i + delta + managerTabs.length) % managerTabs.length]!;
    setActive(next.id);
    refs.current[next.id]?.focus();
  };
  const tab = managerTabs.find((x) => x.id === active) ?? managerTabs[0]!;

  return (
    <div className="settings manager" role="dialog" aria-modal="true" aria-labelledby="manager-title" data-testid="manager">
      <header className="settings__header">
        <h2 id="manager-title" className="settings__title">
          {t('manager.title')}
        </h2>
        <div className="manager__tabs" role="tablist" aria-label={t('manager.tabsLabel')}>
          {managerTabs.map((x) => (
            <button
              key={x.id}
              ref={(el) => {
                refs.current[x.id] = el;
              }}
              type="button"
              role="tab"
              id={`manager-tab-${x.id}`}
              aria-selected={x.id === active}
              aria-controls={`manager-panel-${x.id}`}
              tabIndex={x.id === active ? 0 : -1}
              className={`manager__tab${x.id === active ? ' manager__tab--on' : ''}`}
              data-testid={`manager-tab-${x.id}`}
              onClick={() => setActive(x.id)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight') move(1);
                else if (e.key === 'ArrowLeft') move(-1);
              }}
            >
              {x.label(t)}
            </button>
          ))}
        </div>
        <button type="button" className="btn" data-testid="manager-close" onClick={hide}>
          ✕ {t('manager.close')}
        </button>
      </header>
      <div className="settings__body" role="tabpanel" id={`manager-panel-${tab.id}`} aria-labelledby={`manager-tab-${tab.id}`} data-testid={`manager-panel-${tab.id}`}>
        <Suspense fallback={<p role="status">{t('manager.loading')}</p>}>
          <tab.Component />
        </Suspense>
      </div>
    </div>
  );
}
