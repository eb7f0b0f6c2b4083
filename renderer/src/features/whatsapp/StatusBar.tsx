import { useEffect, useState } from 'react';
import type { ChannelStateView } from '@contract';
import { statusText, toneOf } from './status-text';
import { useTranslation } from '../../i18n/use-translation';
import './status.css';

export interface StatusBarProps {
  state: ChannelStateView;
  /** False while this window has no connection to the app: the last line state is then unknown, not "connected". */
  online?: boolean;
}

/** The live line state, always visible. A retry countdown ticks down locally between state events. */
export function StatusBar({ state, online = true }: StatusBarProps) {
  const { t } = useTranslation();
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    setElapsed(0);
    if (state.state !== 'disconnected' || state.retryInMs === undefined) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Date.now() - started), 1000);
    return () => clearInterval(timer);
  }, [state]);
  const view = state.retryInMs !== undefined ? { ...state, retryInMs: Math.max(0, state.retryInMs - elapsed) } : state;
  const tone = toneOf(state.state);
  if (!online) {
    return (
      <div className="wa-status wa-status--bad" role="status" aria-live="polite" data-testid="wa-status" data-state="app-offline">
        <span className="status-dot" aria-hidden="true" />
        <span className="wa-status__text">{t('whatsapp.appOffline')}</span>
      </div>
    );
  }
  return (
    <div className={`wa-status wa-status--${tone}`} role="status" aria-live="polite" data-testid="wa-status" data-state={state.state}>
      <span className="status-dot" aria-hidden="true" />
      <span className="wa-status__text" title={statusText(view, t)}>
        {statusText(view, t)}
      </span>
    </div>
  );
}
