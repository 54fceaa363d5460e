// Runs in Electron's main process and in plain Node. Where data lives by default: one folder per
// user, the same that Electron's main process uses as userData, so the app, the CLI and browser
// mode all open the same file unless --db says otherwise.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_FOLDER_NAME = 'duty-desk';
export const DB_FILE_NAME = 'duty-desk.db';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DUTY_DESK_DATA_DIR) return env.DUTY_DESK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), DATA_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', DATA_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), DATA_FOLDER_NAME);
}

export function defaultDbPath(): string {
  return join(defaultDataDir(), DB_FILE_NAME);
}
