// End to end, in headless Chromium against browser mode: the morning after a busy duty day the
// officer opens 值班日报, sees the draft and the completeness problems, issues with a note (the
// button stays disabled without one), downloads the issued workbook and it reads back; the print
// stylesheet leaves only the bulletin on A4 landscape.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { BULLETIN_SHEETS } from '../../shared/domain/bulletin.js';
import { listRevisions } from '../../electron/services/bulletin/bulletin.js';
import { BUSY_DAY, buildBusyDay } from '../helpers/bulletin-day.js';
import { launchBrowser, openApp, RESULTS, screenshot, startApp } from '../helpers/browser.js';
import { testContext } from '../helpers/context.js';
import { tempDbPath, tempDir } from '../helpers/temp.js';

describe('daily bulletin (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('preview the draft, issue with a note, download and read back, print', async () => {
    const path = tempDbPath('e2e-bulletin.db');
    const ctx = testContext({ path });
    buildBusyDay(ctx, { days: 10 });
    const app = await startApp(path, { now: ctx.now() }); // the morning after the busy day
    const page = await openApp(browser, app, '#/bulletin', { as: 'leader' });
    try {
      await page.getByTestId('bulletin-page').waitFor();
      await page.getByTestId('bulletin-day').fill(BUSY_DAY);
      await page.getByTestId('bulletin-title').getByText('市应急管理局值班日报（草稿）').waitFor();
      await page.getByTestId('problem-suspicion_unverified').waitFor();
      assert.match(await page.getByTestId('bulletin-check').innerText(), /缺少要素：死亡、失踪、重伤/);
      assert.match(await page.getByTestId('bulletin-flags').innerText(), /本值班室（市应急管理局）\s+2026-\d{4}\s+上报迟报/);
      assert.match(await page.getByTestId('bulletin-zero').innerText(), /本值班日无特殊时期零报告要求/);
      await screenshot(page, 'bulletin-preview');

      // Issue: with problems, the note is required before the button works.
      await page.getByTestId('bulletin-issue').click();
      await page.getByTestId('bulletin-note').waitFor();
      assert.equal(await page.locator('#bulletin-issue-ok').isDisabled(), true);
      await page.getByTestId('bulletin-note').fill('南山区燃气泄漏系媒体报道，已交带班领导核实');
      await page.waitForTimeout(500);
      await screenshot(page, 'bulletin-issue-dialog');
      await page.getByTestId('bulletin-note').press('Control+Enter');
      await page.getByText('已签发第 1 版').waitFor();
      await page.getByTestId('bulletin-title').getByText(/^市应急管理局值班日报$/).waitFor();
      assert.equal(listRevisions(ctx, BUSY_DAY).length, 1);
      assert.match(await page.getByTestId('bulletin-revisions').innerText(), /第 1 版.*测试带班领导.*南山区燃气泄漏/s);

      // Download the issued revision and read it back.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-export').click()]);
      assert.equal(download.suggestedFilename(), `bulletin-${BUSY_DAY}-r1.xlsx`);
      const file = join(tempDir(), 'b.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
      assert.deepEqual(wb.worksheets.map((w) => w.name), [...BULLETIN_SHEETS]);
      assert.equal(wb.getWorksheet('值班日报')!.getCell('A1').value, '市应急管理局值班日报');
      assert.match(String(wb.getWorksheet('值班日报')!.getCell('A4').value), /第 1 版，.*由 测试带班领导 签发/);

      // Print: only the bulletin, on A4 landscape.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.ant-layout-sider').isVisible(), false);
      assert.equal(await page.getByTestId('bulletin-issue').isVisible(), false);
      assert.equal(await page.getByTestId('bulletin-view').isVisible(), true);
      await screenshot(page, 'bulletin-print');
      const pdf = await page.pdf({ path: join(RESULTS, 'bulletin-print.pdf'), preferCSSPageSize: true, printBackground: true });
      // A4 landscape in PDF points: 842 x 595.
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 841\.\d+ 59[45]\.\d+\]/);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
