// The duty room's host over real HTTPS on 127.0.0.1 (issue 19): TLS 1.3 only; nothing without a
// paired seat's cookie; pairing with the code once, refused and throttled when wrong; our app's
// client refuses before sending the code to a host whose certificate it did not expect or that
// cannot prove it knows the code for its certificate; a revoked seat is refused and cut off; the
// audit names the user and the seat, and the record verifies.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent, createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { defaultKeyRing } from '../../electron/db/connection.js';
import { SEAT_COOKIE } from '../../electron/main/browser-server.js';
import { loadOrCreateCertificate, normalFingerprint } from '../../electron/main/room/cert.js';
import { PairError, pairWithHost, pinnedOptions } from '../../electron/main/room/pair-client.js';
import { CODE_TTL_MS } from '../../electron/main/room/pairing.js';
import { verifyRecord } from '../../electron/services/record-verify.js';
import { pairSeat, statusFileOf, type RoomStatusFile } from '../../electron/services/room.js';
import type { RoomStatusView } from '../../shared/api/methods/room.js';
import { roomRequest, setCookie, setCookieLine, signInAtSeat, startRoom, type RunningRoom } from '../helpers/room.js';
import { tempDir, tempDbPath } from '../helpers/temp.js';

const run = promisify(execFile);
const START = Date.UTC(2026, 10, 24, 1, 0, 0);

function tlsHandshake(port: number, version: 'TLSv1.2' | 'TLSv1.3'): Promise<string> {
  return new Promise((ok, fail) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: version, maxVersion: version });
    s.once('secureConnect', () => {
      const p = s.getProtocol() ?? '';
      s.destroy();
      ok(p);
    });
    s.once('error', fail);
  });
}

describe('the room host', () => {
  let room: RunningRoom;
  let now = START;
  const logs: string[] = [];
  before(async () => {
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>duty</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    room = await startRoom(tempDbPath(), { clock: () => now, staticDir, log: (l) => logs.push(l) });
  });
  after(() => room.stop());

  test('its certificate: self-signed ECDSA P-256 for the host\'s addresses, the key kept 0600, fingerprints as browsers and Chromium take them', async () => {
    const cert = new X509Certificate(room.certPem);
    assert.ok(cert.verify(cert.publicKey), 'self-signed');
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(cert.checkHost('localhost'), 'localhost');
    assert.match(room.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.match(room.spki, /^[A-Za-z0-9+/]{43}=$/);
    const cf = room.host.certificate!;
    assert.equal(statSync(cf.keyFile).mode & 0o777, 0o600);
    // Kept: the same certificate next time; a new address re-issues it with the same key (the SPKI pin holds).
    assert.equal(loadOrCreateCertificate(join(cf.certFile, '..'), ['127.0.0.1']).fingerprint256, room.fingerprint256);
    const copy = tempDir();
    writeFileSync(join(copy, 'room-key.pem'), readFileSync(cf.keyFile));
    writeFileSync(join(copy, 'room-cert.pem'), readFileSync(cf.certFile));
    const wider = loadOrCreateCertificate(copy, ['127.0.0.1', '10.1.2.3']);
    assert.notEqual(wider.fingerprint256, room.fingerprint256);
    assert.equal(wider.spki, room.spki);
    assert.equal(new X509Certificate(wider.certPem).checkIP('10.1.2.3'), '10.1.2.3');
    // OpenSSL reads it the same way, where it is installed.
    const openssl = await run('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-ext', 'subjectAltName,basicConstraints', '-in', cf.certFile]).catch(() => null);
    if (openssl) {
      assert.equal(normalFingerprint(/Fingerprint=([0-9A-F:]+)/i.exec(openssl.stdout)?.[1] ?? ''), room.fingerprint256);
      assert.match(openssl.stdout, /IP Address:127\.0\.0\.1/);
      assert.match(openssl.stdout, /CA:FALSE/);
    }
  });

  test('TLS 1.3 is accepted and TLS 1.2 refused (also by openssl s_client, where installed)', async () => {
    assert.equal(await tlsHandshake(room.port, 'TLSv1.3'), 'TLSv1.3');
    await assert.rejects(tlsHandshake(room.port, 'TLSv1.2'));
    const s12 = await run('openssl', ['s_client', '-connect', `127.0.0.1:${room.port}`, '-tls1_2'], { timeout: 10_000 }).then(() => 'connected', (e: { stdout?: string; code?: number }) => (e.code === undefined ? null : 'refused'));
    if (s12 !== null) assert.equal(s12, 'refused');
  });

  test('without a seat\'s cookie: the API answers 401, the app\'s page sends to /pair, other files 403; a foreign Host or Origin 403', async () => {
    const api = await roomRequest(room, { path: '/api/auth.status', body: {} });
    assert.equal(api.status, 401);
    assert.equal(api.json().error?.code, 'unauthenticated');
    const page = await roomRequest(room, { path: '/' });
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, '/pair');
    assert.equal((await roomRequest(room, { path: '/assets/app.js' })).status, 403);
    assert.equal((await roomRequest(room, { path: '/api/auth.status', body: {}, seat: 'A'.repeat(43) })).status, 401, 'an unknown token is no seat');
    assert.equal((await roomRequest(room, { path: '/pair', headers: { Host: `evil.example:${room.port}` } })).status, 403);
    assert.equal((await roomRequest(room, { path: '/pair', headers: { Origin: `http://127.0.0.1:${room.port}` } })).status, 403, 'the http origin of the same host is foreign');
    const pair = await roomRequest(room, { path: '/pair' });
    assert.equal(pair.status, 200);
    assert.match(pair.body, /配对码/);
    assert.match(String(pair.headers['content-security-policy']), /form-action 'self'/);
  });

  test('pairing: a wrong code is refused, the source then waits; the right code works once; the seat\'s cookie is Secure, HttpOnly, SameSite=Strict', async () => {
    const code = room.code();
    assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const wrong = code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA';
    for (let i = 0; i < 2; i++) {
      const r = await roomRequest(room, { path: '/pair', body: { code: wrong, seatName: '甲' } });
      assert.equal(r.status, 403);
      assert.match(r.json().error!.message, /配对码不正确/);
    }
    const third = await roomRequest(room, { path: '/pair', body: { code: wrong, seatName: '甲' } });
    assert.equal(third.status, 429, 'the third wrong code makes the source wait');
    const waiting = await roomRequest(room, { path: '/pair', body: { code, seatName: '甲' } });
    assert.equal(waiting.status, 429, 'even the right code waits');
    assert.match(waiting.json().error!.message, /秒后再试/);
    now += 6_000;
    const ok = await roomRequest(room, { path: '/pair', body: { code: code.toLowerCase().replace('-', ' '), seatName: '  值班席 1  ' } });
    assert.equal(ok.status, 200, ok.body);
    const token = setCookie(ok, SEAT_COOKIE)!;
    assert.equal((ok.json().value as { seatToken: string }).seatToken, token);
    assert.match(setCookieLine(ok, SEAT_COOKIE)!, /; Secure; HttpOnly; SameSite=Strict; Path=\//);
    assert.equal(room.code(), '', 'used once');
    const again = await roomRequest(room, { path: '/pair', body: { code, seatName: '乙' } });
    assert.equal(again.status, 403);
    // Paired: the API answers (nobody signed in yet).
    const status = await roomRequest(room, { path: '/api/auth.status', body: {}, seat: token });
    assert.equal(status.status, 200);
    assert.equal(status.json().ok, true);
    const row = room.db.prepare("SELECT actor, seat, after FROM audit_log WHERE method = 'room.pair'").get() as { actor: string; seat: string; after: string };
    assert.deepEqual({ actor: row.actor, seat: row.seat }, { actor: 'user:e2e-admin', seat: '值班席 1' });
    assert.equal(JSON.parse(row.after).from, '127.0.0.1');
    const stored = room.db.prepare('SELECT token_hash FROM room_seats').pluck().all() as string[];
    assert.ok(!stored.includes(token), 'only the hash is stored');
  });

  test('a code expires after 10 minutes, and a new one replaces the old', async () => {
    const admin = await room.userFor('admin');
    room.host.newCode(`user:${admin}`);
    const first = room.code();
    room.host.newCode(`user:${admin}`);
    const second = room.code();
    assert.notEqual(first, second);
    assert.equal((await roomRequest(room, { path: '/pair', body: { code: first, seatName: '旧码' } })).status, 403);
    now += CODE_TTL_MS;
    assert.equal(room.code(), '');
    assert.equal((await roomRequest(room, { path: '/pair', body: { code: second, seatName: '过期' } })).status, 403);
    room.host.newCode(`user:${admin}`);
  });

  test('our app\'s client pairs, pinned to the certificate it saw', async () => {
    const paired = await pairWithHost({ url: room.origin, code: room.code(), seatName: '带班领导办公室', expectFingerprint256: room.fingerprint256.toLowerCase() });
    assert.equal(paired.fingerprint256, room.fingerprint256);
    assert.equal(paired.spki, room.spki);
    assert.equal(paired.url, room.origin);
    assert.equal(paired.seatName, '带班领导办公室');
    assert.equal((await roomRequest(room, { path: '/api/auth.status', body: {}, seat: paired.seatToken })).status, 200);
  });

  test('the pin: a client expecting another fingerprint refuses before the code is used; a host in the middle cannot prove the code, and never receives it', async () => {
    const admin = await room.userFor('admin');
    room.host.newCode(`user:${admin}`);
    const code = room.code();
    const other = loadOrCreateCertificate(tempDir(), ['127.0.0.1']);
    await assert.rejects(pairWithHost({ url: room.origin, code, seatName: 'x', expectFingerprint256: other.fingerprint256 }), (e: PairError) => e.reason === 'fingerprint');
    // A host in the middle with its own certificate, passing the proof request on to the real host.
    const received: string[] = [];
    const mitm = createHttpsServer({ key: other.keyPem, cert: other.certPem, minVersion: 'TLSv1.3' }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push(`${req.url} ${body}`);
        void roomRequest(room, { path: req.url ?? '/', body: JSON.parse(body || '{}') }).then((r) => {
          res.writeHead(r.status, { 'Content-Type': 'application/json' });
          res.end(r.body);
        });
      });
    });
    await new Promise<void>((ok) => mitm.listen(0, '127.0.0.1', ok));
    try {
      const port = (mitm.address() as AddressInfo).port;
      await assert.rejects(pairWithHost({ url: `https://127.0.0.1:${port}`, code, seatName: 'x' }), (e: PairError) => e.reason === 'proof');
      assert.equal(received.length, 1, received.join('\n'));
      assert.match(received[0]!, /^\/pair\/proof /);
      assert.ok(!received.some((r) => r.includes(code) || r.includes(code.replace('-', ''))), 'the code never reached the host in the middle');
    } finally {
      mitm.closeAllConnections();
      await new Promise<void>((ok) => mitm.close(() => ok()));
    }
    assert.equal(room.code(), code, 'the real host\'s code is still unused');
  });

  test('a write from a seat: the audit names the user and the seat, the seat list shows who is signed in where, and the record verifies', async () => {
    const admin = await room.userFor('admin');
    room.host.newCode(`user:${admin}`);
    const seat = await pairWithHost({ url: room.origin, code: room.code(), seatName: '值班二席' });
    const session = await signInAtSeat(room, seat.seatToken, admin);
    const created = await roomRequest(room, { path: '/api/units.create', seat: seat.seatToken, cookies: session, body: { name: '席位测试区', kind: 'district', dutyPhone: '027-85550001' } });
    assert.equal(created.json().ok, true, created.body);
    const row = room.db.prepare("SELECT actor, seat FROM audit_log WHERE method = 'units.create' ORDER BY id DESC LIMIT 1").get();
    assert.deepEqual(row, { actor: `user:${admin}`, seat: '值班二席' });
    // The session belongs to its seat: the same cookie at another seat is nobody's.
    const st = await roomRequest(room, { path: '/api/room.status', seat: seat.seatToken, cookies: session, body: {} });
    const view = st.json<{ ok: boolean; value: RoomStatusView }>().value;
    assert.equal(view.running, true);
    assert.equal(view.fingerprint256, room.fingerprint256);
    assert.deepEqual(view.urls, [`${room.origin}/`]);
    const listed = view.seats.find((s) => s.name === '值班二席')!;
    assert.equal(listed.connected, true);
    assert.equal(listed.user, '测试管理员');
    assert.equal(listed.address, '127.0.0.1');
    const result = verifyRecord(room.db, defaultKeyRing());
    assert.equal(result.state, 'ok', JSON.stringify(result.problems));
    // The status file beside the database, for `duty room status`.
    const file = JSON.parse(readFileSync(statusFileOf(room.dbPath), 'utf8')) as RoomStatusFile;
    assert.equal(file.format, 'duty-room-status/1');
    assert.equal(file.pid, process.pid);
    assert.equal(file.fingerprint256, room.fingerprint256);
    assert.ok(file.seats.some((s) => s.name === '值班二席' && s.user === admin));
    assert.equal(statSync(statusFileOf(room.dbPath)).mode & 0o777, 0o600);
  });

  test('a revoked seat is refused at once, its open connection closed, and the revocation audited', async () => {
    const admin = await room.userFor('admin');
    room.host.newCode(`user:${admin}`);
    const doomed = await pairWithHost({ url: room.origin, code: room.code(), seatName: '将撤销' });
    room.host.newCode(`user:${admin}`);
    const keeper = await pairWithHost({ url: room.origin, code: room.code(), seatName: '管理席' });
    const session = await signInAtSeat(room, keeper.seatToken, admin);
    const st = (await roomRequest(room, { path: '/api/room.status', seat: keeper.seatToken, cookies: session, body: {} })).json<{ ok: boolean; value: RoomStatusView }>().value;
    const id = st.seats.find((s) => s.name === '将撤销')!.id;
    assert.equal((await roomRequest(room, { path: '/api/auth.status', seat: doomed.seatToken, body: {} })).status, 200);
    const revoked = await roomRequest(room, { path: '/api/room.revokeSeat', seat: keeper.seatToken, cookies: session, body: { id } });
    assert.equal(revoked.json().ok, true, revoked.body);
    assert.equal((await roomRequest(room, { path: '/api/auth.status', seat: doomed.seatToken, body: {} })).status, 401);
    const row = room.db.prepare("SELECT actor, seat FROM audit_log WHERE method = 'room.revokeSeat'").get();
    assert.deepEqual(row, { actor: `user:${admin}`, seat: '管理席' });
    const again = await roomRequest(room, { path: '/api/room.revokeSeat', seat: keeper.seatToken, cookies: session, body: { id } });
    assert.equal(again.json().ok, false);
  });

  test('an officer may not control the host', async () => {
    const admin = await room.userFor('admin');
    const officer = await room.userFor('officer');
    room.host.newCode(`user:${admin}`);
    const seat = await pairWithHost({ url: room.origin, code: room.code(), seatName: '值班三席' });
    const session = await signInAtSeat(room, seat.seatToken, officer);
    const r = await roomRequest(room, { path: '/api/room.newCode', seat: seat.seatToken, cookies: session, body: {} });
    assert.equal(r.json().error?.code, 'forbidden');
  });

  test('one connection carrying the requests of many seats keeps one close listener (no listener leak)', async () => {
    const tokens = Array.from({ length: 14 }, (_, i) => pairSeat(room.ctx, { name: `同一连接席位${i}`, from: '127.0.0.1', codeId: 0, codeBy: 'user:e2e-admin' }).token);
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.name);
    process.on('warning', onWarning);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const token of tokens) {
        const status = await new Promise<number>((ok, fail) => {
          const req = httpsRequest(
            { host: '127.0.0.1', port: room.port, path: '/index.html', headers: { Host: `127.0.0.1:${room.port}`, Cookie: `${SEAT_COOKIE}=${token}` }, ...pinnedOptions(room.certPem, room.fingerprint256), agent },
            (res) => {
              res.resume();
              res.on('end', () => ok(res.statusCode ?? 0));
            },
          );
          req.on('error', fail);
          req.end();
        });
        assert.equal(status, 200);
      }
      await new Promise((ok) => setImmediate(ok));
      assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
    } finally {
      process.off('warning', onWarning);
      agent.destroy();
    }
  });
});

