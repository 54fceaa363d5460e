// Electronegativity (Doyensec's Electron security scanner) over the main-process sources and the
// page: any finding fails unless a comment right above the flagged line justifies it, in the form
// `// electronegativity: CHECK_NAME justified: why`. A deliberately insecure fixture rides along in
// the same scan to prove the scanner ran and finds what it should.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { withMetaCsp } from '../../electron/main/csp.js';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const BIN = join(REPO, 'node_modules', '.bin', 'electronegativity');
const FIXTURE = 'zz-insecure-fixture.js';

function parseCsv(text: string): Record<string, string>[] {
  const rows = text.trim().split('\n').map((line) => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    cells.push(cur.trim());
    return cells;
  });
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h.trim(), cells[i] ?? ''])));
}

test('electronegativity: no unjustified finding in the main process, preload or page', { timeout: 120_000 }, () => {
  const dir = tempDir();
  cpSync(join(REPO, 'electron'), join(dir, 'electron'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), withMetaCsp(readFileSync(join(REPO, 'renderer', 'index.html'), 'utf8')));
  writeFileSync(join(dir, FIXTURE), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n");
  const out = join(dir, 'findings.csv');
  const r = spawnSync(BIN, ['-i', dir, '-e', '45.4.1', '-o', out, '-r'], { encoding: 'utf8', timeout: 100_000 });
  assert.ok(existsSync(out), `electronegativity wrote no report: ${r.stderr || r.error}`);
  const findings = parseCsv(readFileSync(out, 'utf8'));

  const fixture = findings.filter((f) => f.filename?.endsWith(FIXTURE));
  assert.ok(fixture.some((f) => f.issue === 'NODE_INTEGRATION_JS_CHECK'), 'the scanner finds nodeIntegration in the fixture');

  const unjustified = findings
    .filter((f) => !f.filename?.endsWith(FIXTURE))
    .filter((f) => {
      if (!f.filename || f.filename === 'N/A') return true;
      const lines = readFileSync(join(dir, f.filename), 'utf8').split('\n');
      const at = Number(f.location?.split(':')[0]) - 1;
      const above = lines.slice(Math.max(0, at - 4), at + 1).join('\n');
      return !new RegExp(`electronegativity: ${f.issue} justified: \\S`).test(above);
    })
    .map((f) => `${f.issue} ${f.filename}:${f.location} ${f.sample}`);
  assert.deepEqual(unjustified, []);
});
