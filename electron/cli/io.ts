// Runs in plain Node (the `duty` CLI and its tests). The CLI's view of the outside world, so that
// commands are testable without spawning a process.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input as text. */
  readStdin(): Promise<string>;
  /** Where relative paths resolve (process.cwd() in the real CLI). */
  cwd: string;
}

/** A command returns its exit status: 0 ok, 1 a check failed, 2 bad usage or bad input. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Thrown for bad usage; the CLI prints its message as one line and exits 2. */
export class UsageError extends Error {}

/** node:util parseArgs with our error type, so bad flags are one clear line and exit 2. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  positionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
