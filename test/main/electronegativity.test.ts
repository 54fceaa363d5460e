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

interface Finding {
  issue: string;
  file: string | null;
  /** 1-based line of the finding, or null for a finding about the whole app. */
  line: number | null;
}

/** The SARIF (JSON) report: stable, unlike the tool's CSV, which can break long samples. */
function parseSarif(text: string): Finding[] {
  const sarif = JSON.parse(text) as {
    runs: { results: { ruleId: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[] }[] }[];
  };
  return sarif.runs.flatMap((run) =>
    run.results.map((r) => {
      const loc = r.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri;
      return { issue: r.ruleId, file: uri && uri !== 'N/A' ? uri : null, line: loc?.region?.startLine ?? null };
    }),
  );
}

test('electronegativity: no unjustified finding in the main process, preload or page', { timeout: 120_000 }, () => {
  const dir = tempDir();
  cpSync(join(REPO, 'electron'), join(dir, 'electron'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), withMetaCsp(readFileSync(join(REPO, 'renderer', 'index.html'), 'utf8')));
  writeFileSync(join(dir, FIXTURE), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n");
  const out = join(dir, 'findings.sarif');
  const r = spawnSync(BIN, ['-i', dir, '-e', '45.4.1', '-o', out, '-r'], { encoding: 'utf8', timeout: 100_000 });
  assert.ok(existsSync(out), `electronegativity wrote no report: ${r.stderr || r.error}`);
  const findings = parseSarif(readFileSync(out, 'utf8'));

  const fixture = findings.filter((f) => f.file?.endsWith(FIXTURE));
  assert.ok(fixture.some((f) => f.issue === 'NODE_INTEGRATION_JS_CHECK'), 'the scanner finds nodeIntegration in the fixture');

  const unjustified = findings
    .filter((f) => !f.file?.endsWith(FIXTURE))
    .filter((f) => {
      if (!f.file || f.line === null) return true;
      const lines = readFileSync(join(dir, f.file), 'utf8').split('\n');
      const above = lines.slice(Math.max(0, f.line - 6), f.line).join('\n');
      return !new RegExp(`electronegativity: ${f.issue} justified: \\S`).test(above);
    })
    .map((f) => `${f.issue} ${f.file ?? '(whole app)'}:${f.line ?? ''}`);
  assert.deepEqual(unjustified, []);
});
