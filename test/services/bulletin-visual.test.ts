// The bulletin as printed: the issued workbook rendered by LibreOffice to PDF (A4 landscape, one
// page per sheet at least) and by pdftoppm to PNG, kept in test-results/bulletin-*.png for a
// person to look at. Under CI the tools are installed by .ci/run, so their absence fails there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportBulletin, issueBulletin } from '../../electron/services/bulletin/bulletin.js';
import { BUSY_DAY, buildBusyDay } from '../helpers/bulletin-day.js';
import { REPO } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = [existsSync(SOFFICE) ? '' : SOFFICE, have('pdftoppm') ? '' : 'pdftoppm'].filter(Boolean);
const underCi = process.env.CI === 'true' || process.env.CI === '1';

test('the issued bulletin renders to A4 landscape pages (LibreOffice → PDF → PNG)', { skip: !underCi && missing.length ? `not installed: ${missing.join(', ')}` : false, timeout: 180_000 }, async () => {
  assert.deepEqual(missing, [], `the visual check needs ${missing.join(', ')} (apt-get install libreoffice-calc-nogui poppler-utils)`);
  const ctx = testContext();
  buildBusyDay(ctx, { days: 10 });
  issueBulletin(ctx, BUSY_DAY, '南山区燃气泄漏系媒体报道，正在核实');
  const file = await exportBulletin(ctx, BUSY_DAY, 1);
  const dir = tempDir();
  const xlsx = join(dir, `bulletin-${BUSY_DAY}.xlsx`);
  writeFileSync(xlsx, Buffer.from(file.contentBase64, 'base64'));
  // Its own profile folder, so a LibreOffice the user has open does not swallow the conversion.
  const conv = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { encoding: 'utf8', timeout: 150_000 });
  const pdf = join(dir, `bulletin-${BUSY_DAY}.pdf`);
  assert.ok(existsSync(pdf), `soffice wrote no PDF: ${conv.stdout} ${conv.stderr}`);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  // A4 landscape: 842 x 595 pt.
  assert.match(info, /Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/, 'pdfinfo (poppler-utils) reads the PDF');
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  assert.ok(pages >= 6, `one page per sheet at least, got ${pages}`);
  const r = spawnSync('pdftoppm', ['-png', '-r', '80', pdf, join(dir, 'page')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = join(REPO, 'test-results');
  mkdirSync(out, { recursive: true });
  const pngs = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  assert.equal(pngs.length, pages);
  for (const [k, png] of pngs.entries()) {
    assert.ok(statSync(join(dir, png)).size > 5_000, `${png} is not blank`);
    copyFileSync(join(dir, png), join(out, `bulletin-page-${k + 1}.png`));
  }
});
