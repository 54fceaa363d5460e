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
    // A reset connection is an error here, never taken for an answer.
    req.on('error', reject);
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
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.code, 'invalid_input');
  });

  test('a body over the limit is answered 413 with a message, not a reset connection (with and without a length)', async () => {
    for (const chunked of [false, true]) {
      const body = Buffer.alloc(MAX_BODY_BYTES + 1024, 32);
      const headers = { ...auth, 'Content-Type': 'application/json', ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(body.length) }) };
      const r = await send(server.port, { method: 'POST', path: '/api/units.list', headers, body });
      assert.equal(r.status, 413);
      assert.deepEqual(JSON.parse(r.body), { ok: false, error: { code: 'invalid_input', message: '请求过大（超过 10 MB），未处理' } });
    }
    // The server still answers afterwards.
    const ok = await send(server.port, { method: 'POST', path: '/api/units.list', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(ok.status, 200);
  });

  test('a malformed method name gets 400 (an unknown one 404) with a plain JSON message, never a 500 or a stack trace', async () => {
    const post = (path: string) => send(server.port, { method: 'POST', path, headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    const junk = Array.from({ length: 10 * 1024 }, (_, i) => String.fromCharCode(33 + (i % 90))).join('').replace(/[#?%]/g, 'x');
    for (const path of ['/api/../x', '/api/..%2Fx', '/api/incidents.', '/api/%E0%A4%A', '/api/%', '/api/__proto__', '/api/constructor', '/api/units.list%00', `/api/${encodeURIComponent(junk)}`, '/api/a.b.c']) {
      const r = await post(path);
      assert.equal(r.status, 400, path.slice(0, 40));
      assert.deepEqual(JSON.parse(r.body), { ok: false, error: { code: 'unknown_method', message: '操作名称无效，未处理' } }, path.slice(0, 40));
    }
    const unknown = await post('/api/incidents.nothing');
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknown.body).error.message, '未知的操作“incidents.nothing”');
  });

  test('an error inside the server is a 500 in JSON without its stack trace', async () => {
    const broken = await startBrowserServer({ dispatch: () => Promise.reject(new Error('kaboom at /secret/path.ts:12')), staticDir: tempDir(), port: 0 });
    try {
      const r = await send(broken.port, { method: 'POST', path: '/api/units.list', headers: { 'X-Duty-Token': broken.token, 'Content-Type': 'application/json' }, body: '{}' });
      assert.equal(r.status, 500);
      assert.equal(JSON.parse(r.body).error.code, 'internal');
      assert.doesNotMatch(r.body, /kaboom|secret|\.ts|at /);
    } finally {
      await broken.close();
    }
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
