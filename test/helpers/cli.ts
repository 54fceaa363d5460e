// Test helper (plain Node): run the CLI in-process with captured output, or as a real process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/index.js';
import type { CliIo } from '../../electron/cli/io.js';

export interface CliRun { code: number; out: string; err: string }

export async function cli(argv: string[], opts: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void (err += t.endsWith('\n') ? t : t + '\n'),
    readStdin: async () => opts.stdin ?? '',
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** In-process, as cli() but with standard output as written and each error line kept apart. */
export async function cliLines(argv: string[], stdin = '', cwd = process.cwd()): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => stdin, cwd };
  const code = await runCli(argv, io);
  return { code, out: out.join(''), err };
}

export const REPO = join(import.meta.dirname, '..', '..');

/** The real thing: `npm run --silent duty -- ...` as a user types it, from the repo root. */
export function cliProcess(argv: string[], opts: { stdin?: string } = {}): CliRun {
  const r = spawnSync('npm', ['run', '--silent', 'duty', '--', ...argv], {
    cwd: REPO,
    input: opts.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr.split('\n').filter((l) => !/Unknown user config "nodedir"|This will stop working/.test(l)).join('\n') };
}
