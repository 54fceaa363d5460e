// Runs in plain Node: the one test command (`npm test`). Typecheck, lint (ESLint: the layers'
// import rules and a few more), build, then every suite through Node's own test runner (the runner
// CI reads), with tsx for TypeScript.
// `--only unit,db` limits the suites; `--no-build` skips the build (only e2e needs it).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['unit', 'db', 'services', 'cli', 'main', 'e2e'];
const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const suites = onlyIdx >= 0 ? args[onlyIdx + 1].split(',') : ALL;
const fileFilter = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');
const full = onlyIdx < 0 && fileFilter.length === 0;

/** Each step's and each suite's time, printed at the end so a slow one is seen. */
const timings = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(cmd, cmdArgs, label) {
  console.log(`\n== ${label}`);
  const started = performance.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: process.env });
  timings.push([label, performance.now() - started]);
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}) after ${seconds(performance.now() - started)}.`);
    process.exit(r.status || 1);
  }
}

function testFiles(dir) {
  let out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(testFiles(p));
    else if (/\.test\.tsx?$/.test(e)) out.push(p);
  }
  return out;
}

if (full) {
  run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], 'typecheck (shared, electron, test)');
  run('npx', ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit'], 'typecheck (renderer)');
  run('npx', ['tsc', '-p', 'tsconfig.shared.json', '--noEmit'], 'typecheck (shared alone: no DOM, no Node)');
  run('npx', ['eslint', '.'], 'lint (ESLint: the import rules of the layers, and a few more)');
}
if (suites.includes('e2e') && !args.includes('--no-build')) run('node', ['scripts/build.mjs'], 'build');

const pick = (names) => {
  let files = names.flatMap((s) => testFiles(join('test', s)));
  if (fileFilter.length) files = files.filter((f) => fileFilter.some((x) => f.includes(x)));
  return files;
};
// One suite at a time, in the order of ALL, so each suite's time is its own. Browser flows run one
// file at a time after the rest: on two cores, running them beside the crash test and each other
// made timings (and so the flows) flaky.
const batches = ALL.filter((s) => suites.includes(s))
  .map((s) => ({ label: s === 'e2e' ? 'e2e, one file at a time' : s, files: pick([s]), concurrency: s === 'e2e' ? 1 : 2 }))
  .filter((b) => b.files.length > 0);
if (batches.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}

let passed = 0;
let failed = 0;
let status = 0;
for (const b of batches) {
  console.log(`\n== tests (${b.label}: ${b.files.length} files)`);
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${b.concurrency}`, '--test-timeout=300000', ...b.files],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  process.stdout.write(r.stdout);
  const p = Number(/^ℹ pass (\d+)$/m.exec(r.stdout)?.[1] ?? 0);
  const f = Number(/^ℹ fail (\d+)$/m.exec(r.stdout)?.[1] ?? 0);
  passed += p;
  failed += f;
  timings.push([`tests: ${b.label} (${b.files.length} files, ${p} passed, ${f} failed)`, performance.now() - started]);
  if (r.status !== 0) status = r.status || 1;
}
console.log('\n== times');
for (const [label, ms] of timings) console.log(`  ${seconds(ms).padStart(8)}  ${label}`);
// One closing line for the whole run, summed over the batches.
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(status || (failed > 0 ? 1 : 0));
