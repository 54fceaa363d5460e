// Test helper (plain Node): a fresh folder per call, removed when the test process exits.
// (node:test's after() called from inside a before() hook runs right after that hook, so cleanup
// is tied to the process instead.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cleanups: (() => void)[] = [];
process.on('exit', () => {
  for (const fn of cleanups.reverse()) {
    try {
      fn();
    } catch {
      // best effort at exit
    }
  }
});

export function onExit(fn: () => void): void {
  cleanups.push(fn);
}

export function tempDir(prefix = 'duty-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempDbPath(name = 'test.db'): string {
  return join(tempDir(), name);
}
