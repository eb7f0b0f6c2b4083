import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first-run wizard's progress, kept next to line.json (in the line's data
 * folder) because the demo and the WhatsApp line have separate databases and
 * the set-up belongs to the install, not to one of them.
 *
 * Absent file: nothing recorded yet (a new install, or one from before the
 * wizard: the app then derives the steps from what the database holds).
 * Tests and `serve --demo` write `{"completed": true}` (see test/e2e/fixtures).
 */
export interface SetupFile {
  completed: boolean;
  done: string[];
  tourDismissed: boolean;
}

export const SETUP_FILE = 'setup.json';

export function readSetupFile(dataDir: string): SetupFile | undefined {
  let raw: string;
  try {
    raw = readFileSync(join(dataDir, SETUP_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<Record<keyof SetupFile, unknown>>;
    return {
      completed: parsed.completed === true,
      done: Array.isArray(parsed.done) ? parsed.done.filter((s): s is string => typeof s === 'string') : [],
      tourDismissed: parsed.tourDismissed === true,
    };
  } catch {
    // A damaged file: start the wizard over rather than refusing to start.
    return undefined;
  }
}

/** Written atomically (temp file + rename): a crash leaves the old or the new progress, never half. */
export function writeSetupFile(dataDir: string, next: SetupFile): SetupFile {
  mkdirSync(dataDir, { recursive: true });
  const tmp = join(dataDir, `${SETUP_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(next));
  renameSync(tmp, join(dataDir, SETUP_FILE));
  return next;
}
