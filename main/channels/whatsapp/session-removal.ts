import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Logger } from '../../runtime';
import { errText } from './wa-client';

/**
 * Removes a WhatsApp session folder until it stays gone. A browser that has
 * just closed can still write its profile's last files (seen once in the
 * full test run: a logout from the phone left the folder behind), and a
 * session must not survive a logout or a block. Failures are logged, never
 * thrown: the line's state is already decided.
 */
export async function removeSessionFolder(dir: string, logger: Logger): Promise<void> {
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      await rm(dir, { recursive: true, force: true, maxRetries: 4 });
      await new Promise((r) => setTimeout(r, 150));
      if (!existsSync(dir)) return;
    }
    logger.error('whatsapp: the session folder keeps coming back after removal', { dir });
  } catch (err) {
    logger.error('whatsapp: could not remove the session folder', { error: errText(err) });
  }
}
