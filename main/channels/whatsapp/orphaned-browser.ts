import { readFile, readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../runtime';
import { errText, withTimeout, type WaClient } from './wa-client';

/**
 * Chrome processes that outlive their client: one that ignores close is
 * killed, and one left over from a crashed Tresen is ended before a new
 * client opens the same profile.
 */

export function killBrowser(client: WaClient): void {
  try {
    const browser = client.pupBrowser as { process?: () => { kill?: (sig: string) => unknown } | null } | null | undefined;
    browser?.process?.()?.kill?.('SIGKILL');
  } catch {
    // nothing more can be done for a browser that will not die
  }
}

/**
 * A Chrome left over from a crashed Tresen still holds the profile, and every
 * new start fails with "The browser is already running". Chrome names its
 * owner in the profile's SingletonLock ("host-pid"): end that process when it
 * is a browser on this machine using this very profile, then clear the locks.
 */
export async function releaseStaleProfile(profileDir: string, logger: Logger): Promise<void> {
  let target: string;
  try {
    target = await readlink(join(profileDir, 'SingletonLock'));
  } catch {
    return; // no lock: nothing holds the profile
  }
  const m = /^(.*)-(\d+)$/.exec(target);
  const pid = m ? Number(m[2]) : NaN;
  if (m && m[1] === hostname() && Number.isInteger(pid) && pid > 0 && pid !== process.pid && (await usesProfile(pid, profileDir))) {
    logger.warn('whatsapp: ending a browser left over from an earlier run', { pid });
    // puppeteer starts Chrome as a process group leader: end the group (its helpers), then the process.
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // not a group, or already gone
      }
    }
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  for (const f of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) await rm(join(profileDir, f), { force: true }).catch(() => undefined);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function usesProfile(pid: number, profileDir: string): Promise<boolean> {
  if (!alive(pid)) return false;
  if (process.platform === 'linux') {
    try {
      return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(profileDir);
    } catch {
      return false;
    }
  }
  // macOS and others: the lock names this machine and a live process; Chrome writes it only for its own profile.
  return process.platform !== 'win32';
}

/** Closes a client within `destroyMs`; a client that does not close has its browser killed. Its listeners go either way. */
export async function destroyClient(client: WaClient, destroyMs: number, logger: Logger): Promise<void> {
  try {
    await withTimeout(client.destroy(), destroyMs, 'destroy');
  } catch (err) {
    logger.warn('whatsapp: destroy failed; killing the browser', { error: errText(err) });
    killBrowser(client);
  }
  try {
    client.removeAllListeners();
  } catch {
    // a half-dead client may throw here too; it is discarded either way
  }
}
