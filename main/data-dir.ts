import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Tresen keeps its data when no --data-dir is given: the same folder
 * Electron's app.getPath('userData') uses for the product name "Tresen".
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tresen');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tresen');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tresen');
}
