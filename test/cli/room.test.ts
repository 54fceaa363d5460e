// `duty serve --room`, `duty room status`, `duty room code` (issue 19) as real processes on a
// database of the test's own: the host prints its address, fingerprints and code; the status file
// tells the CLI whether it runs and who is connected; a new code comes from the running host; the
// host stops cleanly on SIGTERM, and comes back after a restart because the setting is kept.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pairWithHost } from '../../electron/main/room/pair-client.js';
import { statusFileOf, type RoomStatusFile } from '../../electron/services/room.js';
import { cli, REPO } from '../helpers/cli.js';
import { roomRequest } from '../helpers/room.js';
import { tempDbPath } from '../helpers/temp.js';

interface Served {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function startServe(args: string[], until: RegExp): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron/cli/bin.ts'), 'serve', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not print ${until}:\n${out}`)), 30_000);
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      if (until.test(out)) {
        clearTimeout(timer);
        ok({ child, out: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`serve exited ${code}:\n${out}`)));
  });
}

describe('duty serve --room and duty room', () => {
  const running: ChildProcess[] = [];
  after(() => {
    for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
  });

  test('room status says plainly when no host runs, when its process is gone and when its file is stale', async () => {
    const db = tempDbPath();
    const none = await cli(['room', 'status', '--db', db]);
    assert.equal(none.code, 1);
    assert.match(none.out, /no room host runs/);
    const file: RoomStatusFile = { format: 'duty-room-status/1', pid: 2 ** 22 + 12345, updatedAt: Date.now(), running: true, bind: '127.0.0.1', port: 1, urls: [], fingerprint256: null, spki: null, codeExpiresAt: null, seats: [], control: null };
    writeFileSync(statusFileOf(db), JSON.stringify(file));
    const gone = await cli(['room', 'status', '--db', db]);
    assert.equal(gone.code, 1);
    assert.match(gone.out, /not running: its process \d+ has ended/);
    writeFileSync(statusFileOf(db), JSON.stringify({ ...file, pid: process.pid, updatedAt: Date.now() - 120_000 }));
    const stale = await cli(['room', 'status', '--db', db]);
    assert.equal(stale.code, 1);
    assert.match(stale.out, /not answering: its status file was last written 12\d s ago/);
    assert.equal((await cli(['room', 'code', '--db', db])).code, 1);
  });

  test('a host without a window: prints address, fingerprint, SPKI and code; a new code from the CLI; a seat pairs and is listed; stops cleanly; comes back after a restart', async () => {
    const db = tempDbPath();
    const args = ['--db', db, '--now', '2026-11-24T09:00:00+08:00'];
    const host = await startServe(['--room', '--bind', '127.0.0.1', '--port', '0', '--local-port', '0', ...args], /code: +\S+/);
    running.push(host.child);
    const out = host.out();
    const url = /join: +(https:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!;
    const fingerprint256 = /fingerprint: ([0-9A-F:]{95})/.exec(out)![1]!;
    const spki = /spki: +(\S+)/.exec(out)![1]!;
    const firstCode = /code: +(\S{4}-\S{4})/.exec(out)![1]!;
    assert.match(out, /演练时钟/);

    const status = await cli(['room', 'status', '--db', db]);
    assert.equal(status.code, 0, status.out + status.err);
    assert.match(status.out, /room host running/);
    assert.ok(status.out.includes(fingerprint256));
    assert.match(status.out, /seats connected: 0/);

    const fresh = await cli(['room', 'code', '--db', db]);
    assert.equal(fresh.code, 0, fresh.err);
    const code = /pairing code: (\S{4}-\S{4})/.exec(fresh.out)![1]!;
    assert.notEqual(code, firstCode);
    await assert.rejects(pairWithHost({ url, code: firstCode, seatName: '旧码', expectFingerprint256: fingerprint256 }), /could not prove/);
    const seat = await pairWithHost({ url, code, seatName: '带班领导办公室', expectFingerprint256: fingerprint256 });
    assert.equal(seat.spki, spki);
    const certPem = readFileSync(join(dirname(db), 'room-cert.pem'), 'utf8');
    const port = Number(new URL(url).port);
    assert.equal((await roomRequest({ port, certPem, fingerprint256 }, { path: '/api/auth.status', body: {}, seat: seat.seatToken })).status, 200);
    const listed = await cli(['room', 'status', '--db', db]);
    assert.match(listed.out, /seats connected: 1\n {2}● 带班领导办公室 {2}127\.0\.0\.1 {2}\(nobody signed in\)/);

    host.child.kill('SIGTERM');
    assert.equal(await host.exited, 0);
    assert.equal(existsSync(statusFileOf(db)), false, 'the status file goes with the host');
    assert.match((await cli(['room', 'status', '--db', db])).out, /no room host runs/);

    // Restarted without --room: the room the admin left on comes back (same certificate, the seat still paired).
    const again = await startServe(['--port', '0', ...args], /code: +\S+/);
    running.push(again.child);
    assert.ok(again.out().includes(fingerprint256), again.out());
    const port2 = Number(/join: +https:\/\/127\.0\.0\.1:(\d+)\//.exec(again.out())![1]);
    assert.equal((await roomRequest({ port: port2, certPem, fingerprint256 }, { path: '/api/auth.status', body: {}, seat: seat.seatToken })).status, 200);
    again.child.kill('SIGTERM');
    assert.equal(await again.exited, 0);
  });
});
