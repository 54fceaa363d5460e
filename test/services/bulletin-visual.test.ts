// The bulletin as printed: the issued workbook rendered by LibreOffice to PDF (A4 landscape, one
// page per sheet at least) and by pdftoppm to PNG, kept in test-results/bulletin-*.png for a
// person to look at. The day as the leader issues it the morning after: the road accident's
// description rewritten in three paragraphs, the fire closed by its final report, and a long
// description (over a page of its column) that must go on to the next page, not be clipped. Under
// CI the tools are installed by .ci/run, so their absence fails there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { exportBulletin, issueBulletin, previewBulletin } from '../../electron/services/bulletin/bulletin.js';
import { MAX_ROW_LINES } from '../../electron/export/sheet-kit.js';
import { describeIncident } from '../../electron/services/incidents/description.js';
import { bulletinTexts } from '../../shared/domain/bulletin-text.js';
import { BUSY_DAY, ROAD_DESCRIPTION, buildBusyDay, finishBusyDay } from '../helpers/bulletin-day.js';
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
  const ids = buildBusyDay(ctx, { days: 10 });
  finishBusyDay(ctx, ids);
  // Eight numbered paragraphs, about 1,300 characters: in its column, more than a printed page.
  const long = Array.from({ length: 8 }, (_, k) => `（${k + 1}）${ROAD_DESCRIPTION.replace(/\n/g, '')}`).join('\n');
  describeIncident({ ...ctx, actor: 'user:leader1' }, { id: ids.fire, text: long, reason: '逐段补充核实情况' });
  issueBulletin(ctx, BUSY_DAY, '南山区燃气泄漏系媒体报道，正在核实');
  const file = await exportBulletin(ctx, BUSY_DAY, 1);
  // No row taller than a page: a long text goes on over the rows under it (sheet-kit splitRow).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
  for (const ws of wb.worksheets) ws.eachRow((row, n) => assert.ok((row.height ?? 0) <= MAX_ROW_LINES * 15 + 3, `${ws.name} row ${n}: ${row.height} pt`));
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
  assert.ok(pages >= 7, `one page per sheet at least, and the long description over two, got ${pages}`);
  // The words are all on the pages, in order (spaces and line breaks of the layout aside).
  const flat = (s: string) => s.replace(/\s+/g, '');
  const printed = flat(spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).stdout);
  const data = previewBulletin(ctx, BUSY_DAY, 1).data;
  const x = bulletinTexts('zh-CN', data);
  for (const i of data.incidents.filter((i) => data.keyItems.includes(i.id))) assert.ok(printed.includes(flat(x.keyItemLine(i))), `要情 of ${i.number}`);
  assert.ok(printed.includes(flat(ROAD_DESCRIPTION)), 'the road accident’s description');
  for (const para of long.split('\n')) assert.ok(printed.includes(flat(para)), para.slice(0, 4));
  assert.ok(printed.includes('处置结束'));
  const r = spawnSync('pdftoppm', ['-png', '-r', '110', pdf, join(dir, 'page')], { encoding: 'utf8' });
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
