// Runs in plain Node: entry of the `duty` command line.
import { runCli } from './index.js';
import { processIo } from './io.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`duty: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
