// Crash safety: a child process writes in a loop and is killed with SIGKILL at 50 random moments.
// After each kill, every write it had acknowledged is present, the file passes
// PRAGMA integrity_check, and the audit chain verifies.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { seededRng } from '../../shared/domain/random.js';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { tempDbPath } from '../helpers/temp.js';

const KILLS = 50;
const WRITER = join(import.meta.dirname, '..', 'helpers', 'crash-writer.ts');

function runAndKill(dbPath: string, run: number, killAfterAcks: number, extraDelayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbPath, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('ack ')) acked.push(line.slice(4));
      }
      if (!armed && acked.length >= killAfterAcks) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited (${code}) before the kill: ${stderr}`));
      // Lines already in the pipe when the kill came were acknowledged too.
      for (const line of buffer.split('\n')) if (line.startsWith('ack ')) acked.push(line.slice(4));
      resolve(acked);
    });
  });
}

test(`every acknowledged write survives ${KILLS} SIGKILLs; integrity and audit chain hold`, { timeout: 240_000 }, async () => {
  const dbPath = tempDbPath('crash.db');
  closeDatabase(openDatabase(dbPath));
  const rng = seededRng(20261124);
  const acknowledged: string[] = [];
  for (let run = 0; run < KILLS; run++) {
    const acked = await runAndKill(dbPath, run, rng.int(1, 60), rng.int(0, 25));
    acknowledged.push(...acked);
    const db = openDatabase(dbPath);
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `after kill ${run}`);
      const names = new Set((db.prepare('SELECT name FROM units').all() as { name: string }[]).map((r) => r.name));
      const lost = acknowledged.filter((n) => !names.has(n));
      assert.deepEqual(lost, [], `after kill ${run}: acknowledged writes lost`);
      const audit = verifyAudit(db);
      assert.ok(audit.ok, `after kill ${run}: ${JSON.stringify(audit)}`);
      // Each unit is one audit row, plus one per deactivation: nothing half-written.
      const units = db.prepare('SELECT count(*) AS n, sum(active = 0) AS off FROM units').get() as { n: number; off: number };
      assert.equal(audit.rows, units.n + units.off, `after kill ${run}: audit rows match the writes`);
    } finally {
      closeDatabase(db);
    }
  }
  assert.ok(acknowledged.length >= KILLS, 'the writer got writes in before each kill');
});
