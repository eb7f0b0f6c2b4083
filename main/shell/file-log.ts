import path from 'node:path';
import log from 'electron-log/node';
import type { Logger } from '../runtime';

/**
 * The main process's log, also written to <data dir>/logs/main.log (rotated
 * by electron-log at 1 MB), so a shop can hand a file over when something
 * went wrong; a packaged app has no console anyone reads.
 */
export function withLogFile(console: Logger, dataDir: string): Logger & { file: string } {
  const file = path.join(dataDir, 'logs', 'main.log');
  const out = log.create({ logId: `tresen-${dataDir}` });
  out.transports.console.level = false;
  out.transports.file.resolvePathFn = () => file;
  out.transports.file.maxSize = 1024 * 1024;
  const entry = (msg: string, extra?: Record<string, unknown>): unknown[] => (extra ? [msg, extra] : [msg]);
  return {
    file,
    info: (msg, extra) => {
      console.info(msg, extra);
      out.info(...entry(msg, extra));
    },
    warn: (msg, extra) => {
      console.warn(msg, extra);
      out.warn(...entry(msg, extra));
    },
    error: (msg, extra) => {
      console.error(msg, extra);
      out.error(...entry(msg, extra));
    },
  };
}
