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

// The seal key ring of every database a test opens (electron/db/seal-keys.ts): a file of this
// test process's own, never the user's key beside their data folder. Child processes (the CLI,
// browser mode) inherit it, so they seal with the same key.
if (!process.env.DUTY_DESK_KEY_FILE) process.env.DUTY_DESK_KEY_FILE = join(tempDir('duty-keys-'), 'seal-keys.json');
