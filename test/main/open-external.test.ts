// Runs in plain Node (tests). The one openExternal helper passes only http(s) URLs to the OS.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOpenExternal, safeExternalUrl } from '../../electron/main/open-external.js';

function helper() {
  const opened: string[] = [];
  const open = createOpenExternal({ openExternal: (url: string) => (opened.push(url), Promise.resolve()) });
  return { open, opened };
}

describe('openExternal', () => {
  for (const url of ['https://www.mem.gov.cn/', 'http://example.com/path?q=值班', 'HTTPS://EXAMPLE.COM/']) {
    it(`opens ${url}`, () => {
      const { open, opened } = helper();
      assert.equal(open(url), true);
      assert.equal(opened.length, 1);
      assert.equal(opened[0], new URL(url).href);
    });
  }

  const refused = [
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'javascript:alert(1)',
    'app://duty/index.html',
    'data:text/html,<b>x</b>',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'smb://server/share',
    'mailto:duty@example.com',
    'vscode://file/etc/passwd',
    'chrome://settings',
    'about:blank',
    '\\\\server\\share\\x.exe',
    'C:\\Windows\\System32\\calc.exe',
    '/etc/passwd',
    'https://gov.cn@evil.example/',
    'https://user:pass@example.com/',
    '',
    ' javascript:alert(1)',
    `https://example.com/${'a'.repeat(3000)}`,
  ];
  for (const url of refused) {
    it(`refuses ${JSON.stringify(url.slice(0, 60))}`, () => {
      const { open, opened } = helper();
      assert.equal(open(url), false);
      assert.deepEqual(opened, []);
    });
  }

  it('refuses what is not a string', () => {
    const { open, opened } = helper();
    for (const v of [undefined, null, 42, { toString: () => 'https://example.com' }]) assert.equal(open(v), false);
    assert.deepEqual(opened, []);
  });

  it('normalizes what it passes on (no stray whitespace or control characters reach the OS)', () => {
    assert.equal(safeExternalUrl('  https://example.com/a b\n'), 'https://example.com/a%20b');
  });

  it('a failing shell call is reported, not thrown', async () => {
    const errors: unknown[] = [];
    const open = createOpenExternal({ openExternal: () => Promise.reject(new Error('no browser')) }, (e) => errors.push(e));
    assert.equal(open('https://example.com/'), true);
    await new Promise((r) => setImmediate(r));
    assert.equal(errors.length, 1);
  });
});
