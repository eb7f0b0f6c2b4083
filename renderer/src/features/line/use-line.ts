import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../api';

export type LineStatus = MethodOutput<'line.status'>;

/** The line's status from main, refreshed on demand (switching reloads the whole UI anyway). */
export function useLineStatus(): { status: LineStatus | null; refresh: () => void } {
  const [status, setStatus] = useState<LineStatus | null>(null);
  const refresh = useCallback(() => {
    api.call('line.status', {}).then(setStatus, () => setStatus(null));
  }, []);
  useEffect(refresh, [refresh]);
  return { status, refresh };
}

/** After a switch the app runs on another database: start the UI afresh. */
export function reloadOnLineSwitch(): () => void {
  return api.on('line.switched', () => window.location.reload());
}
