// Runs in plain Node: `npm run dist` builds the installers with electron-builder (electron-builder.yml).
//
//   npm run dist -- --win | --linux | --mac [more electron-builder args]
//       On a networked build machine: build, rebuild better-sqlite3 for Electron's ABI
//       (`electron-builder install-app-deps`), package, then rebuild better-sqlite3 for Node again
//       so `npm test` keeps working in the same checkout.
//   npm run dist -- --dir-check
//       Offline (this machine: no Electron zip): packs `--linux dir` against a stub Electron and
//       checks what went into app.asar, that better-sqlite3's .node is unpacked, and the fuses
//       electron-builder flipped. Proves the configuration and file selection, not a runnable app.
//   --no-build skips `npm run build`.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dirCheck = args.includes('--dir-check');
const noBuild = args.includes('--no-build');
const builderArgs = args.filter((a) => a !== '--dir-check' && a !== '--no-build');

function run(label, cmd, cmdArgs, options = {}) {
  const t = Date.now();
  console.log(`\n== ${label}\n$ ${[cmd, ...cmdArgs].join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    if (options.allowFail) {
      console.error(`${label} failed (exit ${r.status ?? r.signal}) after ${secs} s.`);
      return false;
    }
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}) after ${secs} s.`);
    process.exit(r.status || 1);
  }
  console.log(`${label}: ${secs} s`);
  return true;
}

// @electron/fuses' layout: this sentinel, then wire version 1, the wire length, one byte per fuse
// ('0' off, '1' on) in FuseV1Options order.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
const ELECTRON_DEFAULT_FUSES = '10110001';
/** What electron-builder.yml's electronFuses must produce ('0' = off, '1' = on). */
const EXPECTED_FUSES = { runAsNode: '0', enableCookieEncryption: '1', enableNodeOptionsEnvironmentVariable: '0', enableNodeCliInspectArguments: '0', enableEmbeddedAsarIntegrityValidation: '1', onlyLoadAppFromAsar: '1', grantFileProtocolExtraPrivileges: '0' };

/** A check that failed and has been reported; no stack trace needed. */
class CheckFailed extends Error {}

// electron-builder's CLI run by this Node directly: no npx, and no .cmd shims, which Node refuses
// to spawn without a shell on Windows.
const builderCli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const builder = (...a) => [process.execPath, [builderCli, ...a]];
const npm = (...a) =>
  process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, ...a]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', a];

if (!noBuild) run('build', process.execPath, ['scripts/build.mjs']);

if (dirCheck) {
  try {
    await dirCheckMain();
  } catch (e) {
    if (!(e instanceof CheckFailed)) console.error(e);
    process.exit(1);
  }
} else {
  if (builderArgs.length === 0) {
    console.error('dist: say which platform: npm run dist -- --win | --linux | --mac   (or --dir-check offline)');
    process.exit(2);
  }
  // Failures here still fall through to the Node rebuild: a half-done Electron rebuild (no network
  // for the headers) would otherwise leave better-sqlite3 unloadable for the tests and the CLI.
  const rebuilt = run('rebuild native modules for Electron', ...builder('install-app-deps'), { allowFail: true });
  const ok = rebuilt && run('electron-builder', ...builder('--publish', 'never', ...builderArgs), { allowFail: true });
  // The checkout's tests and the CLI run on Node: give better-sqlite3 back its Node build.
  run('rebuild better-sqlite3 for Node', ...npm('rebuild', 'better-sqlite3'));
  if (!ok) process.exit(1);
  console.log(`\nInstallers are in ${join(root, 'release')}`);
}

async function dirCheckMain() {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'duty-dist-check-'));
  try {
    // A stand-in Electron distribution: electron-builder copies this folder and renames the
    // 'electron' executable to the app's. The stub carries a fuse wire in Electron's own layout
    // (sentinel, version 1, length, one byte per fuse, Electron's defaults), so electron-builder's
    // fuse step runs on it and the result can be read back: the fuses config is checked offline.
    const electronDist = join(work, 'electron-dist');
    const out = join(work, 'out');
    const stub = join(electronDist, 'electron');
    mkdirSync(electronDist, { recursive: true });
    writeFileSync(
      stub,
      Buffer.concat([
        Buffer.from('#!/bin/sh\necho "stub electron for dist --dir-check" >&2\nexit 1\n# '),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
        Buffer.from(ELECTRON_DEFAULT_FUSES),
        Buffer.from('\n'),
      ]),
    );
    chmodSync(stub, 0o755);
    writeFileSync(join(electronDist, 'version'), electronVersion());
    // electronLanguages prunes Chromium's locale packs, so the stub needs a locales folder.
    mkdirSync(join(electronDist, 'locales'));
    for (const l of ['zh-CN', 'en-US', 'de', 'fr']) writeFileSync(join(electronDist, 'locales', `${l}.pak`), '');

    const packed = run(
      'electron-builder --linux dir (stub Electron, offline)',
      ...builder('--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`),
      { allowFail: true },
    );
    if (!packed) fail('electron-builder failed (see its output above)');

    const unpackedDir = readdirSync(out).find((d) => d.endsWith('-unpacked'));
    if (!unpackedDir) fail(`no *-unpacked folder in ${out}`);
    const resources = join(out, unpackedDir, 'resources');
    const asarFile = join(resources, 'app.asar');
    if (!existsSync(asarFile)) fail('app.asar was not created');

    const problems = [];
    const exe = join(out, unpackedDir, 'duty-desk');
    if (!existsSync(exe)) problems.push('the executable was not renamed to duty-desk');
    else {
      const bin = readFileSync(exe);
      const at = bin.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
      const wire = bin.subarray(at + 2, at + 2 + bin[at + 1]).toString('latin1');
      const state = Object.fromEntries(FUSE_NAMES.map((n, i) => [n, wire[i]]));
      for (const [name, want] of Object.entries(EXPECTED_FUSES)) {
        if (state[name] !== want) problems.push(`fuse ${name} is ${state[name]}, expected ${want}`);
      }
      console.log(`\nfuses as flipped by electron-builder: ${FUSE_NAMES.map((n) => `${n}=${state[n] === '1' ? 'on' : 'off'}`).join(', ')}`);
    }
    const entries = await listAsar(asarFile);
    if (entries) {
      const norm = entries.map((e) => e.replaceAll('\\', '/'));
      for (const must of ['/package.json', '/dist/electron/main/index.js', '/dist/electron/preload/index.cjs', '/dist/renderer/index.html']) {
        if (!norm.includes(must)) problems.push(`missing from app.asar: ${must}`);
      }
      const forbidden = [
        [/^\/(electron|shared|renderer|test|scripts|docs|build)\//, 'source, test or build-resource folder'],
        [/^\/dist\/.*\.map$/, 'source map'],
        [/\.tsx?$/, 'TypeScript source'],
        [/^\/node_modules\/better-sqlite3\/(deps|src)\//, 'better-sqlite3 C sources'],
        [/^\/node_modules\/electron\//, 'the electron npm package'],
        [/^\/node_modules\/(typescript|vite|electron-builder|react|antd|tsx)\//, 'a dev dependency'],
      ];
      for (const [re, what] of forbidden) {
        const hits = norm.filter((e) => re.test(e));
        if (hits.length) problems.push(`${what} packed (${hits.length}), e.g. ${hits.slice(0, 3).join(', ')}`);
      }
      const nodeInAsar = norm.filter((e) => e.endsWith('.node'));
      const topModules = [...new Set(norm.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]))].sort();
      console.log(`\napp.asar: ${entries.length} entries, ${(statSync(asarFile).size / 1e6).toFixed(1)} MB`);
      console.log(`  node_modules packed: ${topModules.join(', ')}`);
      console.log(`  .node entries in the asar index (content lives in app.asar.unpacked): ${nodeInAsar.join(', ') || 'none'}`);
    } else {
      console.log('\n(@electron/asar is not importable: app.asar contents not listed; only the unpacked native module is checked.)');
    }

    const nativeModule = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(nativeModule)) problems.push(`better-sqlite3 native module not unpacked: ${relative(out, nativeModule)}`);
    else console.log(`  unpacked: ${relative(out, nativeModule)} (${(statSync(nativeModule).size / 1e6).toFixed(1)} MB, built for Node here; rebuilt for Electron on the build machine)`);

    if (problems.length) fail(problems.join('\n'));
    console.log(`\ndist --dir-check ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (!process.env.DUTY_KEEP_DIST_CHECK) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

function electronVersion() {
  return createRequire(import.meta.url)('electron/package.json').version;
}

async function listAsar(file) {
  try {
    const asar = await import('@electron/asar');
    return (asar.listPackage ?? asar.default.listPackage)(file, { isPack: false });
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}

function fail(message) {
  console.error(`\ndist --dir-check FAILED:\n${message}`);
  throw new CheckFailed(message);
}
