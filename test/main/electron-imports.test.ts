// Runs in plain Node (tests). Keeps the main process testable: only the thin entry files load the
// real 'electron' module; every other main-process file takes it as a parameter (type-only
// imports), and the files browser mode shares import no electron at all.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../electron/main/command-line.js';

const mainDir = new URL('../../electron/main/', import.meta.url);
const files = readdirSync(mainDir).filter((f) => f.endsWith('.ts'));
// Comments may mention require('electron'); only code counts.
const source = (f: string) => readFileSync(new URL(f, mainDir), 'utf8').replace(/^\s*\/\/.*$/gm, '');
const valueImport = /^\s*import\s+(?!type\b)[^;]*?from\s+['"]electron(\/[^'"]*)?['"]|^\s*import\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/m;
const anyImport = /from\s+['"]electron(\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/;

describe('who loads electron', () => {
  it('in electron/main only index.ts imports electron at run time', () => {
    assert.ok(files.length > 10);
    assert.deepEqual(files.filter((f) => valueImport.test(source(f))), ['index.ts']);
  });

  it('browser-mode files import no electron, not even types', () => {
    for (const f of ['browser-server.ts', 'app-root.ts', 'csp.ts', 'static-files.ts', 'serve.ts', 'app-url.ts', 'command-line.ts']) {
      if (files.includes(f)) assert.doesNotMatch(source(f), anyImport, f);
    }
  });

  it('index.ts stays a thin entry', () => {
    const code = source('index.ts').split('\n').filter((l) => l.trim() && !l.trim().startsWith('//'));
    assert.ok(code.length <= 15, `${code.length} lines`);
    assert.match(source('index.ts'), /startApp\(electron,/);
  });
});

describe('command line', () => {
  it('reads --db PATH and --db=PATH, ignoring Chromium switches', () => {
    assert.deepEqual(parseCommandLine(['exe', '--no-sandbox', '--db', 'a.db'], '/w'), { dbPath: '/w/a.db' });
    assert.deepEqual(parseCommandLine(['exe', '.', '--db=/data/b.db'], '/w'), { dbPath: '/data/b.db' });
    assert.deepEqual(parseCommandLine(['exe', '--db'], '/w'), {});
    assert.deepEqual(parseCommandLine(['exe', '--db', '--inspect'], '/w'), {});
    assert.deepEqual(parseCommandLine(['exe', '--dbx', 'c.db'], '/w'), {});
  });
});
