import { randomUUID } from 'node:crypto';

/**
 * The process-wide services every layer may use: a clock, a logger and ids.
 * They are passed in, never read from globals, so tests control time and output.
 */

/** Injected so the domain never reads the wall clock itself (tests control time). */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

/** Logs as JSON lines on stderr (stdout's first line belongs to serve mode's ready line). */
export const stderrLogger: Logger = {
  info: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: 'info', msg, ...extra })}\n`),
  warn: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...extra })}\n`),
  error: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...extra })}\n`),
};

/** Opaque ids for rows and idempotency keys. */
export const newId = (): string => randomUUID();
