// A hostile import against the real browser-mode server (`serve`, its own process): while a
// 1,000,000-row sheet and a zip that lies about its sizes are being refused, another user's
// requests on the same server are answered at once (median ≤ 100 ms, none over 1 s; before, 2.3 s),
// and the server's memory comes back.
// The parsing runs in a worker thread (services/import-workbook.ts); before it did, ExcelJS held
// the server's one event loop for seconds and left it at 2 GB.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { createContext } from '../../electron/services/context.js';
import { createUser } from '../../electron/services/users.js';
import { REPO } from '../helpers/cli.js';
import { tempDbPath } from '../helpers/temp.js';
import { lyingBomb, manyRows } from '../helpers/zip.js';

const PASSWORD = 'server-load-password';

/** The server process's resident memory now and at its peak, in MB (Linux /proc). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

describe('a hostile import does not stall the desk', () => {
  let child: ChildProcess;
  let base = '';
  let token = '';
  const sessions: Record<string, string> = {};

  async function call(method: string, input: unknown, who?: string): Promise<{ ok: boolean; error?: { message: string }; value?: unknown }> {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Duty-Token': token, ...(who ? { Cookie: sessions[who]! } : {}) },
      body: JSON.stringify(input),
    });
    const set = /(duty_session_\d+=[\w-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (set && who) sessions[who] = set;
    return (await res.json()) as { ok: boolean; error?: { message: string } };
  }

  before(async () => {
    const dbPath = tempDbPath('server-load.db');
    const db = openDatabase(dbPath);
    const ctx = createContext(db, { dbPath, transport: 'http', version: 'test' }, 'test:setup');
    await createUser(ctx, { username: 'leader', displayName: '王领导', role: 'leader', password: PASSWORD, personId: null });
    await createUser(ctx, { username: 'officer', displayName: '李值班', role: 'officer', password: PASSWORD, personId: null });
    closeDatabase(db);
    child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron/main/serve.ts'), '--port', '0', '--db', dbPath], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /open:\s+(http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const u = new URL(url);
    base = u.origin;
    token = u.searchParams.get('token')!;
    for (const who of ['leader', 'officer']) {
      sessions[who] = '';
      assert.equal((await call('auth.login', { username: who, password: PASSWORD }, who)).ok, true);
    }
  });

  after(async () => {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  });

  for (const [name, file, expect] of [
    ['a 1,000,000-row sheet', () => manyRows(1_000_000), /行数过多/],
    ['a zip whose directory states 2 KB for 1 GB', () => lyingBomb(1024), /文件过大/],
  ] as const) {
    test(`${name}: refused within 5 s; the other user answered at once meanwhile; memory back under 300 MB`, async () => {
      const content = (await file()).toString('base64');
      const pid = child.pid!;
      const before = memoryOf(pid);
      const started = performance.now();
      let done = false;
      const importing = call('roster.import', { contentBase64: content, reason: '测试' }, 'leader').finally(() => (done = true));
      const latencies: number[] = [];
      let peakRss = before.rssMb;
      while (!done) {
        const t = performance.now();
        const r = await call('units.list', {}, 'officer');
        latencies.push(performance.now() - t);
        assert.equal(r.ok, true);
        peakRss = Math.max(peakRss, memoryOf(pid).rssMb);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const r = await importing;
      const refusedMs = performance.now() - started;
      let after = memoryOf(pid);
      for (let i = 0; i < 50 && after.rssMb >= 300; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = memoryOf(pid);
      }
      const worst = Math.max(...latencies);
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(
        `${name}: answered in ${refusedMs.toFixed(0)} ms (${r.ok ? 'accepted' : r.error!.message.slice(0, 20)}); the other user's ${latencies.length} calls: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, worst ${worst.toFixed(0)} ms; ` +
          `server rss ${before.rssMb.toFixed(0)} MB before, ${peakRss.toFixed(0)} MB sampled peak (VmHWM ${after.peakMb.toFixed(0)} MB), ${after.rssMb.toFixed(0)} MB after`,
      );
      assert.equal(r.ok, false);
      assert.match(r.error!.message, expect);
      assert.ok(refusedMs < 5000, `refused in ${refusedMs.toFixed(0)} ms`);
      assert.ok(latencies.length >= 3, 'the other user called during the import');
      // The event loop held by the parse (before the worker) made the worst wait 2.3 s; on a
      // quiet machine it is now 30-90 ms. The bound leaves room for a CI machine running other
      // test files at the same time, and still fails if the parse comes back onto the loop.
      assert.ok(sorted[Math.floor(sorted.length / 2)]! <= 100, `the other user's median wait ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`);
      assert.ok(worst <= 1000, `the other user waited ${worst.toFixed(0)} ms`);
      assert.ok(after.rssMb < 300, `the server holds ${after.rssMb.toFixed(0)} MB after`);
    });
  }
});
