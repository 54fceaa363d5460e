// Runs in plain Node (tests). The packaging settings that security and the installers depend on,
// read from electron-builder.yml as text (no YAML parser among the project's dependencies).
// `npm run dist -- --dir-check` checks the same file against electron-builder itself.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
const line = (re: RegExp) => assert.match(yml, re);

describe('electron-builder.yml', () => {
  it('names artifacts in ASCII only', () => {
    for (const m of yml.matchAll(/artifactName: (.+)$/gm)) assert.match(m[1]!, /^[\x21-\x7e]+$/, m[1]);
    line(/^artifactName: duty-desk-\$\{version\}-\$\{os\}-\$\{arch\}\.\$\{ext\}$/m);
  });

  it('flips the fuses', () => {
    const fuses = yml.slice(yml.indexOf('electronFuses:')).split(/\n(?=\S)/)[0]!;
    for (const [k, v] of Object.entries({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })) {
      assert.match(fuses, new RegExp(`^  ${k}: ${v}$`, 'm'), k);
    }
  });

  it('packs into asar, unpacks the native module, never rebuilds here', () => {
    line(/^asar: true$/m);
    line(/^asarUnpack:\n  - "node_modules\/better-sqlite3\/build\/Release\/\*\.node"$/m);
    line(/^npmRebuild: false$/m);
  });

  it('ships only dist/ and package.json of the project', () => {
    const files = yml.slice(yml.indexOf('\nfiles:')).split(/\n(?=\S)/)[1] ?? '';
    const positive = [...files.matchAll(/^  - "?([^"!\n][^"\n]*)"?$/gm)].map((m) => m[1]);
    assert.deepEqual(positive, ['package.json', 'dist/**']);
    assert.match(files, /"!dist\/\*\*\/\*\.map"/);
  });

  it('builds the agreed targets and a per-user, non-one-click Chinese installer', () => {
    line(/- target: nsis\n      arch: \[x64\]/);
    line(/- target: portable\n      arch: \[x64\]/);
    line(/- target: AppImage\n      arch: \[x64, arm64\]/);
    line(/- target: deb\n      arch: \[x64, arm64\]/);
    line(/- target: dmg/);
    line(/^  oneClick: false$/m);
    line(/^  perMachine: false$/m);
    line(/^  installerLanguages: \[zh_CN\]$/m);
    line(/^productName: 应急值班台$/m);
  });

  it('has its icons', () => {
    for (const f of ['build/icon.svg', 'build/icon.png', 'build/icons/256x256.png', 'build/icons/512x512.png']) {
      assert.ok(existsSync(new URL(`../../${f}`, import.meta.url)), f);
    }
    const png = readFileSync(new URL('../../build/icons/256x256.png', import.meta.url));
    assert.equal(png.readUInt32BE(16), 256);
    assert.equal(png.readUInt32BE(20), 256);
    assert.equal(readFileSync(new URL('../../build/icon.png', import.meta.url)).readUInt32BE(16), 512);
  });
});
