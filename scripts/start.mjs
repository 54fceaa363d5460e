// Runs in plain Node: `npm start` after the build. Starts the Electron app where its binary is
// present; otherwise says so in one sentence and serves browser mode instead.
// The check reads electron's path.txt itself, because require('electron') would try to download.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function electronBinary() {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = dirname(pkg);
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const pathFile = join(dir, 'path.txt');
    const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    const bin = override ? join(override, rel ?? 'electron') : rel ? join(dir, 'dist', rel) : null;
    return bin && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const bin = electronBinary();
const child = bin
  ? spawn(bin, ['.', ...args], { stdio: 'inherit' })
  : (console.log('The Electron binary is not installed on this machine, so Duty Desk starts in browser mode instead: open the URL below in a browser.'),
    spawn(process.execPath, ['dist/electron/main/serve.js', ...args], { stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
