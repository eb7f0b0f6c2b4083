import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { api } from '../../api';
import { useLine } from './line-store';

export type SwitchMethod = 'line.link' | 'line.useDemo' | 'line.unlink';

/** The line's actions: components read useLine and call these. */
export function createLineActions(client: ApiClient) {
  const refresh = async (): Promise<void> => {
    try {
      useLine.setState({ status: await client.call('line.status', {}) });
    } catch {
      useLine.setState({ status: null });
    }
  };
  return {
    refresh,
    /** The settings section opened: forget the last outcome and ask main again. */
    open(): Promise<void> {
      useLine.setState({ notice: null });
      return refresh();
    },
    async saveBrowser(path: string): Promise<void> {
      try {
        await client.call('line.setBrowser', { path });
        useLine.setState({ notice: { kind: 'ok' } });
        await refresh();
      } catch (err) {
        useLine.setState({ notice: { kind: 'error', error: toApiError(err) } });
      }
    },
    /** Asks main to switch; main answers with line.switched and the UI reloads. */
    switchLine(method: SwitchMethod): void {
      useLine.setState({ switching: true });
      client.call(method, {}).catch((err: unknown) => {
        useLine.setState({ switching: false, notice: { kind: 'error', error: toApiError(err) } });
      });
    },
    /** digits: with country code, as pairingDigits returns them. */
    async requestPairingCode(digits: string): Promise<void> {
      await client.call('line.pairingCode', { phone: `+${digits}` });
    },
    /** After a switch the app runs on another database: start the UI afresh. */
    reloadOnLineSwitch(): () => void {
      return client.on('line.switched', () => window.location.reload());
    },
  };
}

export const lineActions = createLineActions(api);
