// Runs in plain Node (tests). The app:// handler: GET only, our host only, never a file outside
// the renderer folder, and the CSP on every answer.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, registerAppScheme } from '../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp.js';

let dir: string;
let root: string;
const SECRET = 'TOP-SECRET-DO-NOT-SERVE';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'duty-proto-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>值班台</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)({ method, url });

describe('app:// protocol handler', () => {
  it('serves index.html with the CSP and the right content type', async () => {
    const res = await get('app://duty/index.html');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await res.text(), /值班台/);
  });

  it('serves / as index.html and assets with their type', async () => {
    assert.match(await (await get('app://duty/')).text(), /<!doctype html>/);
    const js = await get('app://duty/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
    it(`refuses ${method} with 405 (GET only)`, async () => {
      const res = await get('app://duty/index.html', method);
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'GET');
      assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    });
  }

  for (const url of ['app://other/index.html', 'app://evil.example/index.html', 'app://duty.evil/index.html', 'app://user:pw@duty/index.html', 'http://duty/index.html']) {
    it(`refuses another host or scheme: ${url}`, async () => {
      const res = await get(url);
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    });
  }

  const traversals = [
    'app://duty/../../etc/passwd',
    'app://duty/../secret.txt',
    'app://duty/%2e%2e/secret.txt',
    'app://duty/%2E%2E/%2e%2e/etc/passwd',
    'app://duty/..%2fsecret.txt',
    'app://duty/%2e%2e%2fsecret.txt',
    'app://duty/assets/..%2f..%2fsecret.txt',
    'app://duty/..%5csecret.txt',
    'app://duty/%252e%252e/secret.txt',
    'app://duty/index.html%00.js',
  ];
  for (const url of traversals) {
    it(`never serves a file outside the renderer folder: ${url}`, async () => {
      const res = await get(url);
      assert.ok(res.status === 403 || res.status === 404, `status ${res.status}`);
      assert.doesNotMatch(await res.text(), new RegExp(SECRET));
      assert.doesNotMatch(await (await get(url)).text(), /root:/);
    });
  }

  it('answers 404 for a missing file, with the CSP', async () => {
    const res = await get('app://duty/nope.js');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('registers app:// as standard, secure and fetch-capable, and nothing more', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void calls.push(s) });
    assert.deepEqual(calls, [[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
    assert.deepEqual(APP_SCHEME_PRIVILEGES, { standard: true, secure: true, supportFetchAPI: true });
  });
});
