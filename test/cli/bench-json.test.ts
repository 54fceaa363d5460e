// `npm run bench -- --json` on a tiny database: the last line is one JSON object with exactly the
// issue's keys (and the renderer's two, null without --renderer), each a number or null.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const KEYS = [
  'open_ms',
  'log_page_p95_ms',
  'log_page_raw_ratio',
  'search_p95_ms',
  'rules_100k_ms',
  'intake_p95_ms',
  'bulletin_ms',
  'year_export_ms',
  'year_export_peak_mb',
  'export_raw_ratio',
  'renderer_first_rows_ms',
  'renderer_longest_task_ms',
];

test('npm run bench -- --json prints the figures as one JSON object on its last line', () => {
  const dir = tempDir();
  const r = spawnSync(join(REPO, 'node_modules', '.bin', 'tsx'), [join(REPO, 'test', 'bench', 'run.ts'), '--years', '0.02', '--seed', '3', '--json', '--no-renderer', '--dir', dir], {
    encoding: 'utf8',
    cwd: REPO,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(r.stdout, /\| open_ms \|/, 'a readable table first');
  const figures = JSON.parse(lines[lines.length - 1]!) as Record<string, number | null>;
  assert.deepEqual(Object.keys(figures), KEYS);
  for (const k of KEYS) assert.ok(figures[k] === null || (typeof figures[k] === 'number' && figures[k]! >= 0), `${k}: ${figures[k]}`);
  for (const k of ['open_ms', 'log_page_p95_ms', 'search_p95_ms', 'rules_100k_ms', 'intake_p95_ms', 'year_export_ms', 'year_export_peak_mb']) assert.equal(typeof figures[k], 'number', k);
});
