import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LineMode } from '../contract';

/**
 * Which line the app runs on, and the browser for WhatsApp, kept next to the
 * data (line.json) because they outlive a switch between the two databases:
 * demo data lives in its own subfolder so simulated customers never mix with
 * real ones.
 */
export interface LineConfig {
  mode: LineMode;
  /** Browser executable for the WhatsApp session; '' = detect automatically. */
  browserPath: string;
}

const FILE = 'line.json';

export function readLineConfig(dataDir: string): LineConfig {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<Record<keyof LineConfig, unknown>>;
    return {
      mode: parsed.mode === 'whatsapp' ? 'whatsapp' : 'demo',
      browserPath: typeof parsed.browserPath === 'string' ? parsed.browserPath : '',
    };
  } catch {
    // No choice recorded yet: a session already on disk means the line was linked.
    return { mode: hasWhatsAppSession(dataDir) ? 'whatsapp' : 'demo', browserPath: '' };
  }
}

/** Written atomically (temp file + rename), so a crash never leaves half a file. */
export function writeLineConfig(dataDir: string, patch: Partial<LineConfig>): LineConfig {
  const next = { ...readLineConfig(dataDir), ...patch };
  mkdirSync(dataDir, { recursive: true });
  const tmp = join(dataDir, `${FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(next));
  renameSync(tmp, join(dataDir, FILE));
  return next;
}

/** Folder inside the data dir where the WhatsApp session (LocalAuth) is kept. */
export const WHATSAPP_SESSION_DIR = 'whatsapp-session';

/**
 * Whether a WhatsApp line has been linked on this PC: the session folder
 * holds something. Cheap on purpose; the channel itself reports a stale
 * session as logged out.
 */
export function hasWhatsAppSession(dataDir: string): boolean {
  try {
    return readdirSync(join(dataDir, WHATSAPP_SESSION_DIR)).length > 0;
  } catch {
    return false;
  }
}

export const demoDataDir = (dataDir: string): string => join(dataDir, 'demo');
