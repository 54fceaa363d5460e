// Runs in plain Node: enforces the import rules of the layout (docs/architecture.md).
//   shared/            imports nothing of the project outside shared/, no node:*, no electron
//   renderer/          imports only renderer/ and shared/, never electron or node:*
//   electron/db, electron/services, electron/export, electron/cli  never import electron, nor
//   electron/main (the CLI may import electron/main/dispatcher, which imports no electron)
// Exits 1 naming each offending import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function files(dir) {
  let out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(e)) out.push(p);
  }
  return out;
}

const NODE_BUILTIN = /^node:|^(fs|path|os|child_process|crypto|http|https|net|url|worker_threads|stream|util|events)(\/|$)/;
const rules = [
  {
    dir: 'shared',
    check(spec, target) {
      if (spec === 'electron' || spec.startsWith('electron/')) return 'shared must not import electron';
      if (NODE_BUILTIN.test(spec)) return 'shared must not import Node built-ins (it runs in the renderer too)';
      if (target && !target.startsWith(join(root, 'shared') + sep)) return 'shared may import only shared';
      return null;
    },
  },
  {
    dir: 'renderer',
    check(spec, target) {
      if (spec === 'electron' || spec.startsWith('electron/')) return 'renderer must not import electron';
      if (NODE_BUILTIN.test(spec)) return 'renderer must not import Node built-ins';
      if (target && !target.startsWith(join(root, 'renderer') + sep) && !target.startsWith(join(root, 'shared') + sep))
        return 'renderer may import only renderer and shared';
      return null;
    },
  },
  ...['electron/db', 'electron/services', 'electron/export', 'electron/cli'].map((dir) => ({
    dir,
    check(spec, target) {
      if (spec === 'electron' || spec.startsWith('electron/')) return `${dir} must not import electron (it runs in plain Node)`;
      // The CLI goes through the one dispatcher (which imports no electron); nothing else of main.
      const dispatcher = join(root, 'electron', 'main', 'dispatcher');
      const isDispatcher = dir === 'electron/cli' && target && target.replace(/\.(js|ts)$/, '') === dispatcher;
      if (target && !isDispatcher && (target.startsWith(join(root, 'electron', 'main') + sep) || target.startsWith(join(root, 'renderer') + sep)))
        return `${dir} must not import electron/main or renderer`;
      return null;
    },
  })),
];

const problems = [];
for (const rule of rules) {
  for (const file of files(join(root, rule.dir))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = spec.startsWith('.') ? resolve(dirname(file), spec) : null;
      const why = rule.check(spec, target);
      if (why) problems.push(`${relative(root, file)}: imports '${spec}': ${why}`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} layering violation(s).`);
  process.exit(1);
}
console.log('layering ok');
