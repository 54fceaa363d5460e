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

function run(cmd, cmdArgs, label) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}).`);
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
// Browser flows run one file at a time after the rest: on two cores, running them beside the
// crash test and each other made timings (and so the flows) flaky.
const batches = [
  { label: suites.filter((s) => s !== 'e2e').join(', '), files: pick(suites.filter((s) => s !== 'e2e')), concurrency: 2 },
  { label: 'e2e, one file at a time', files: suites.includes('e2e') ? pick(['e2e']) : [], concurrency: 1 },
].filter((b) => b.files.length > 0);
if (batches.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}

let passed = 0;
let failed = 0;
let status = 0;
for (const b of batches) {
  console.log(`\n== tests (${b.label}: ${b.files.length} files)`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${b.concurrency}`, '--test-timeout=300000', ...b.files],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  process.stdout.write(r.stdout);
  passed += Number(/^ℹ pass (\d+)$/m.exec(r.stdout)?.[1] ?? 0);
  failed += Number(/^ℹ fail (\d+)$/m.exec(r.stdout)?.[1] ?? 0);
  if (r.status !== 0) status = r.status || 1;
}
// One closing line for the whole run, summed over the batches.
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(status || (failed > 0 ? 1 : 0));
