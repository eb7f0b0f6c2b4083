import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serve mode's access across restarts: the token and the last port are kept
 * in the data folder, so a browser tab opened from the printed address (and a
 * reload of it) keeps working after the server restarts. The token file is
 * readable by its owner only (0600); it is the key to the whole app.
 */
export const TOKEN_FILE = 'serve-token';
export const PORT_FILE = 'serve-port';
/** The tabs' sessions (profile, lock) for a reconnect after a restart; worthless under a new token. */
export const WINDOWS_FILE = 'serve-windows.json';

/** What a token given by flag or environment must look like: it travels in a URL unencoded. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export type TokenSource = 'given' | 'stored' | 'new';

export class ServeAccessError extends Error {}

/** A fresh token: 24 random bytes, URL-safe. */
export const newToken = (): string => randomBytes(24).toString('base64url');

/** Writes a file readable by its owner only, replacing the old one in one step. */
function writePrivate(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o600 });
  // The mode given to writeFileSync is masked by the umask and ignored for an existing file.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * The token this start serves with. A token given by flag or environment wins
 * and is not stored (the stored one stays for the next start without it);
 * otherwise the stored one, unless `rotate` asks for a new one; a missing or
 * unreadable file gets a new token, stored with mode 0600.
 */
export function serveToken(dataDir: string, opts: { given?: string; rotate?: boolean } = {}): { token: string; source: TokenSource } {
  if (opts.given !== undefined) {
    if (!TOKEN_SHAPE.test(opts.given)) throw new ServeAccessError('the token must be 16-128 characters of A-Z, a-z, 0-9, _ and -');
    return { token: opts.given, source: 'given' };
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, TOKEN_FILE);
  if (!opts.rotate && existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (TOKEN_SHAPE.test(stored)) {
      // A file copied or restored with a looser mode is tightened again.
      if (process.platform !== 'win32') chmodSync(file, 0o600);
      return { token: stored, source: 'stored' };
    }
  }
  const token = newToken();
  writePrivate(file, `${token}\n`);
  return { token, source: 'new' };
}

/** The port the last start bound, or null (none yet, or not a port). */
export function lastPort(dataDir: string): number | null {
  try {
    const n = Number(readFileSync(join(dataDir, PORT_FILE), 'utf8').trim());
    return Number.isInteger(n) && n > 0 && n <= 65535 ? n : null;
  } catch {
    return null;
  }
}

/** Remembers the bound port for the next start. */
export function rememberPort(dataDir: string, port: number): void {
  writePrivate(join(dataDir, PORT_FILE), `${port}\n`);
}
