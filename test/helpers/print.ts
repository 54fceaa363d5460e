// Test helper (plain Node): a workbook as it prints, through LibreOffice (soffice → PDF) and
// poppler (pdfinfo, pdftotext, pdftoppm → PNG), the pages kept in test-results/<name>-page-N.png
// for a person to look at. Under CI the tools are installed by .ci/run; elsewhere a test may skip
// when they are missing (printToolsMissing).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli.js';
import { tempDir } from './temp.js';

const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const underCi = process.env.CI === 'true' || process.env.CI === '1';

/** The tools missing here, for a test's skip reason (never skipped under CI: there they must be installed). */
export function printToolsMissing(): string[] {
  return [existsSync(SOFFICE) ? '' : SOFFICE, ...['pdftoppm', 'pdftotext', 'pdfinfo'].filter((c) => !have(c))].filter(Boolean);
}

export const skipPrintUnlessInstalled = (): string | false => {
  const missing = printToolsMissing();
  return !underCi && missing.length ? `not installed: ${missing.join(', ')}` : false;
};

export interface Printed {
  pdf: string;
  /** Pages, all A4 landscape (checked). */
  pages: number;
  /** The PDF's text in reading order, spaces and line breaks of the layout removed. */
  flatText: string;
  /** The PNGs kept in test-results/. */
  pngs: string[];
}

/** Spaces and line breaks removed: how a text is looked for in a PDF's wrapped lines. */
export const flat = (s: string): string => s.replace(/\s+/g, '');

/** Prints a workbook to PDF pages and PNGs (at `dpi`), kept as test-results/<name>-page-N.png. */
export function printWorkbook(xlsxBytes: Buffer, name: string, dpi = 110): Printed {
  const missing = printToolsMissing();
  assert.deepEqual(missing, [], `printing needs ${missing.join(', ')} (apt-get install libreoffice-calc-nogui poppler-utils)`);
  const dir = tempDir();
  const xlsx = join(dir, `${name}.xlsx`);
  writeFileSync(xlsx, xlsxBytes);
  // Its own profile folder, so a LibreOffice the user has open does not swallow the conversion.
  const conv = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { encoding: 'utf8', timeout: 150_000 });
  const pdf = join(dir, `${name}.pdf`);
  assert.ok(existsSync(pdf), `soffice wrote no PDF: ${conv.stdout} ${conv.stderr}`);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  // A4 landscape: 842 x 595 pt.
  assert.match(info, /Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/, 'pdfinfo (poppler-utils) reads the PDF');
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const flatText = flat(spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).stdout);
  const r = spawnSync('pdftoppm', ['-png', '-r', String(dpi), pdf, join(dir, 'page')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = join(REPO, 'test-results');
  mkdirSync(out, { recursive: true });
  const made = readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  assert.equal(made.length, pages);
  const pngs = made.map((png, k) => {
    assert.ok(statSync(join(dir, png)).size > 5_000, `${png} is not blank`);
    const kept = join(out, `${name}-page-${k + 1}.png`);
    copyFileSync(join(dir, png), kept);
    return kept;
  });
  return { pdf, pages, flatText, pngs };
}
