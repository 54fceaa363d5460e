// Runs in Electron's main process and in plain Node. Where data lives by default: one folder per
// user, the same that Electron's main process uses as userData, so the app, the CLI and browser
// mode all open the same file unless --db says otherwise.
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

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

/**
 * The seal key ring of the CLI and browser mode: a file beside the data folder, not in it, so a
 * copy of the folder (or of the database) carries no key. `DUTY_DESK_KEY_FILE` overrides it.
 */
export function defaultKeyFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DUTY_DESK_KEY_FILE) return env.DUTY_DESK_KEY_FILE;
  const dir = defaultDataDir(env, platform);
  return join(dirname(dir), `${basename(dir)}.seal-keys.json`);
}

/**
 * Writes a file whole or not at all (a temporary file renamed over it), with `mode` (0o600: readable
 * by its owner only) set even where the umask or an older file would leave it wider.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}
