// Runs in Electron's main process; imports no electron. Reads the app's own flags from argv.
// Lenient on purpose: Chromium and the OS add switches of their own (`--no-sandbox`,
// `--original-process-start-time`, a file path on "open with"), which a strict parser would reject.
import { resolve } from 'node:path';

export interface CommandLine {
  /** Absolute database path from `--db PATH` or `--db=PATH`, if given. */
  dbPath?: string;
}

export function parseCommandLine(argv: readonly string[], cwd: string = process.cwd()): CommandLine {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let value: string | undefined;
    if (a === '--db') value = argv[i + 1];
    else if (a.startsWith('--db=')) value = a.slice('--db='.length);
    else continue;
    if (value !== undefined && value !== '' && !value.startsWith('--')) return { dbPath: resolve(cwd, value) };
  }
  return {};
}
