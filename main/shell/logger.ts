import type { Logger } from '../runtime';

/** Console logger for the main process; one line per entry, JSON extras. */
export function createConsoleLogger(scope = 'tresen'): Logger {
  const line = (level: string, msg: string, extra?: Record<string, unknown>): string =>
    `${new Date().toISOString()} ${level} [${scope}] ${msg}${extra ? ` ${safeJson(extra)}` : ''}`;
  return {
    info: (msg, extra) => console.log(line('info', msg, extra)),
    warn: (msg, extra) => console.warn(line('warn', msg, extra)),
    error: (msg, extra) => console.error(line('error', msg, extra)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
}
