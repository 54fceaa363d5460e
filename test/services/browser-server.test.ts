// Browser mode's guard: loopback only, token required, foreign Host/Origin refused, files never
// served from outside the renderer folder, the API only by POST with JSON.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startBrowserServer, MAX_BODY_BYTES, type BrowserServer } from '../../electron/main/browser-server.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: 413, headers: {}, body: '' }) : reject(e)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser mode server', () => {
  let server: BrowserServer;
  let auth: Record<string, string>;
  before(async () => {
    const root = tempDir();
    const staticDir = join(root, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>duty</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    server = await startBrowserServer({ dispatch: createDispatcher(testContext()), staticDir, port: 0 });
    auth = { 'X-Duty-Token': server.token };
  });
  after(() => server.close());

  test('listens on 127.0.0.1 only', () => {
    assert.equal((server.server.address() as AddressInfo).address, '127.0.0.1');
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  test('the token is random per launch', async () => {
    const other = await startBrowserServer({ dispatch: async () => ({ ok: true, value: null }), staticDir: tempDir(), port: 0 });
    assert.notEqual(other.token, server.token);
    await other.close();
  });

  test('without the token: 403, for pages and for the API', async () => {
    assert.equal((await send(server.port, {})).status, 403);
    assert.equal((await send(server.port, { path: '/assets/app.js' })).status, 403);
    assert.equal((await send(server.port, { method: 'POST', path: '/api/units.list', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 403);
    assert.equal((await send(server.port, { headers: { 'X-Duty-Token': 'wrong' } })).status, 403);
    assert.equal((await send(server.port, { path: '/?token=wrong' })).status, 403);
  });

  test('the token in the URL is swapped for an HttpOnly, SameSite=Strict cookie that then works', async () => {
    const r = await send(server.port, { path: `/?token=${server.token}` });
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, '/');
    const setCookie = String(r.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const page = await send(server.port, { headers: { Cookie: cookie } });
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>duty<\/title>/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
  });

  test('a foreign Host header (DNS rebinding) is refused even with the token', async () => {
    for (const host of ['evil.example:' + server.port, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `0.0.0.0:${server.port}`]) {
      assert.equal((await send(server.port, { headers: { ...auth, Host: host } })).status, 403, host);
    }
    assert.equal((await send(server.port, { headers: { ...auth, Host: `localhost:${server.port}` } })).status, 200);
  });

  test('a foreign Origin or a cross-site fetch is refused even with the token', async () => {
    const post = (headers: Record<string, string>) =>
      send(server.port, { method: 'POST', path: '/api/units.list', headers: { ...auth, 'Content-Type': 'application/json', ...headers }, body: '{}' });
    assert.equal((await post({ Origin: 'http://evil.example' })).status, 403);
    assert.equal((await post({ Origin: `http://127.0.0.1:${server.port + 1}` })).status, 403);
    assert.equal((await post({ Origin: 'null' })).status, 403);
    assert.equal((await post({ 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    assert.equal((await post({ Origin: `http://127.0.0.1:${server.port}` })).status, 200);
  });

  test('the API: POST with JSON to the dispatcher; other methods and types refused', async () => {
    const ok = await send(server.port, { method: 'POST', path: '/api/units.list', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    assert.deepEqual(JSON.parse(ok.body), { ok: true, value: [] });
    assert.equal((await send(server.port, { method: 'GET', path: '/api/units.list', headers: auth })).status, 405);
    assert.equal((await send(server.port, { method: 'POST', path: '/api/units.list', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' })).status, 415);
    const bad = await send(server.port, { method: 'POST', path: '/api/units.list', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{nope' });
    assert.equal(JSON.parse(bad.body).error.code, 'invalid_input');
    const unknown = await send(server.port, { method: 'POST', path: '/api/__proto__', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(JSON.parse(unknown.body).error.code, 'unknown_method');
  });

  test('a body over the limit is refused', async () => {
    const r = await send(server.port, { method: 'POST', path: '/api/units.list', headers: { ...auth, 'Content-Type': 'application/json' }, body: Buffer.alloc(MAX_BODY_BYTES + 1024, 32) });
    assert.equal(r.status, 413);
  });

  test('files outside the renderer folder are never served', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const r = await send(server.port, { path, headers: auth });
      assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status}`);
      assert.doesNotMatch(r.body, /secret/);
    }
    assert.equal((await send(server.port, { path: '/assets/app.js', headers: auth })).status, 200);
    assert.equal((await send(server.port, { method: 'DELETE', path: '/index.html', headers: auth })).status, 405);
  });
});
