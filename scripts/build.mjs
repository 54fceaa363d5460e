// Runs in plain Node: builds everything `npm start`, `npm run serve` and packaging need:
// main-process code (tsc -> dist/), the renderer (vite -> dist/renderer), the preload (vite, CJS).
import { spawnSync } from 'node:child_process';

function step(label, cmd, args) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(r.status || 1);
  }
  if (!process.argv.includes('--quiet')) process.stdout.write(`build: ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
}

step('main process', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
step('preload', 'npx', ['vite', 'build', '-c', 'vite.preload.config.ts', '--logLevel', 'error']);
step('renderer', 'npx', ['vite', 'build', '--logLevel', 'error']);
