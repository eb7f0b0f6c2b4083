import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../contract/backup';
import type { Logger } from '../../runtime';
import { quickCheckInWorker } from '../../store/backups-repo';
import type { EventBus } from '../event-bus';

export const RUNNING_MARKER = 'tresen.running';

/**
 * PRAGMA quick_check, kept off the start path: a marker file is written when
 * the app starts and removed when it closes cleanly. Found at start, it means
 * the last run ended uncleanly (power cut, kill), and only then the file is
 * checked — in a worker thread, after the app is up. A damaged file raises
 * `backup.damaged` with the latest backup, which the UI offers to restore.
 */
export class IntegrityMonitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly d: {
      dataDir: string;
      dbFile: string;
      bus: EventBus;
      logger: Logger;
      nativeBinding?: string;
      latest: () => BackupInfo | null;
      setState: (state: 'ok' | 'damaged') => void;
    },
  ) {}

  private get marker(): string {
    return join(this.d.dataDir, RUNNING_MARKER);
  }

  /** Writes the marker; true when the previous run did not end cleanly. */
  begin(): boolean {
    const unclean = existsSync(this.marker);
    writeFileSync(this.marker, String(process.pid));
    return unclean;
  }

  /** Runs the check after `delayMs` (the first page is served meanwhile). */
  checkLater(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, delayMs);
    this.timer.unref?.();
  }

  async check(): Promise<string> {
    const result = await quickCheckInWorker(this.d.dbFile, this.d.nativeBinding);
    if (result === 'ok') {
      this.d.setState('ok');
      this.d.logger.info('database integrity check passed');
    } else {
      this.d.setState('damaged');
      this.d.logger.error('database integrity check failed', { detail: result });
      this.d.bus.emit('backup.damaged', { detail: result.slice(0, 500), latest: this.d.latest() });
    }
    return result;
  }

  /** Clean shutdown: the next start skips the check. */
  end(): void {
    if (this.timer) clearTimeout(this.timer);
    rmSync(this.marker, { force: true });
  }
}
