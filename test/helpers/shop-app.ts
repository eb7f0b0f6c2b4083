import { afterEach } from 'vitest';
import { createApp, type CreatedApp } from '../../main/app';
import type { Session } from '../../main/core/session';
import { MediaSimulator } from './media-sim';
import { ManualClock, silentLogger, useTempDirs } from './temp-dir';

/** The shop every app-level test runs: a bike shop in Berlin with a privacy page. */
export const TEST_SHOP = {
  name: 'Fahrrad Müller',
  address: 'Hauptstraße 5, 10115 Berlin',
  phone: '',
  privacyUrl: 'https://example.org/datenschutz',
} as const;

/** Calls a method through the dispatcher and returns its value; a refusal throws the API error (code, message, details). */
export async function call<T>(
  app: Pick<CreatedApp, 'dispatch'>,
  method: string,
  input: unknown = {},
  session?: Session,
): Promise<T> {
  const r = await app.dispatch(method, input, session);
  if (!r.ok) throw Object.assign(new Error(), r.error);
  return r.value as T;
}

export interface ShopAppOptions {
  /** Reopen an earlier app's folder (a restart); default: a fresh folder. */
  dataDir?: string;
}

/**
 * A demo app with the test shop's profile and the file-capable simulator;
 * every app started is closed after the test. Pass `dataDir` to restart on
 * the same folder.
 */
export function useShopApp(): (
  clock?: ManualClock,
  opts?: ShopAppOptions,
) => Promise<{ app: CreatedApp; sim: MediaSimulator; clock: ManualClock; dataDir: string }> {
  const tempDir = useTempDirs();
  const open: CreatedApp[] = [];
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
  });
  return async (clock = new ManualClock(), opts = {}) => {
    const sim = new MediaSimulator(clock);
    const dataDir = opts.dataDir ?? tempDir();
    const app = await createApp({ dataDir, demo: true, logger: silentLogger, clock, channel: sim });
    open.push(app);
    if (!opts.dataDir) await call(app, 'settings.update', { patch: { shop: { ...TEST_SHOP } } });
    return { app, sim, clock, dataDir };
  };
}
