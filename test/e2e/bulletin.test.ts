// End to end, in headless Chromium against browser mode: the morning after a busy duty day (the
// fire's final report has closed it) the leader rewrites the road accident's description in its
// drawer (the text has the focus as the dialog opens, Ctrl+Enter saves, the revisions are listed),
// opens 值班日报, sees the draft with that description, the measures, the 要情 sentence, the fire as
// 处置结束 and the completeness problems, issues with a note (the button stays disabled without
// one), downloads the issued workbook, which reads back and prints through LibreOffice to PDF
// pages (PNGs in test-results/e2e-bulletin-page-*.png); the print stylesheet leaves only the
// bulletin on A4 landscape.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { BULLETIN_SHEETS } from '../../shared/domain/bulletin.js';
import { bulletinTexts } from '../../shared/domain/bulletin-text.js';
import { listRevisions, previewBulletin } from '../../electron/services/bulletin/bulletin.js';
import { BUSY_DAY, ROAD_DESCRIPTION, buildBusyDay, finishBusyDay } from '../helpers/bulletin-day.js';
import { flat, printWorkbook, skipPrintUnlessInstalled } from '../helpers/print.js';
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
    const ids = buildBusyDay(ctx, { days: 10 });
    finishBusyDay(ctx, ids, { leader: null });
    const app = await startApp(path, { now: ctx.now() }); // the morning after the busy day
    const page = await openApp(browser, app, `#/log/${ids.serious}`, { as: 'leader' });
    try {
      // The description the system copied from the first report, and the leader's rewrite.
      const section = page.getByTestId('description-section');
      await section.getByTestId('description-text').getByText('=1+1').waitFor();
      assert.match(await section.getByTestId('description-provenance').innerText(), /系统据第 1 次报告生成/);
      await section.getByTestId('description-edit').click();
      // Typed as soon as the field is there, without a click into it: the first keystrokes are not lost.
      await page.getByTestId('description-input').waitFor({ state: 'attached' });
      await page.keyboard.press('Control+A');
      await page.keyboard.type(ROAD_DESCRIPTION.split('\n')[0]!);
      await page.keyboard.press('Enter');
      await page.keyboard.insertText(ROAD_DESCRIPTION.split('\n').slice(1).join('\n'));
      assert.equal(await page.getByTestId('description-input').inputValue(), ROAD_DESCRIPTION);
      await page.getByTestId('description-reason').fill('据续报和现场核实情况重写');
      await screenshot(page, 'bulletin-description-dialog');
      await page.getByTestId('description-input').press('Control+Enter');
      await page.getByTestId('description-input').waitFor({ state: 'detached' });
      await section.getByTestId('description-text').getByText('交警、120、消防救援站已到场处置', { exact: false }).waitFor();
      assert.equal(await section.getByTestId('description-text').innerText(), ROAD_DESCRIPTION);
      assert.match(await section.getByTestId('description-provenance').innerText(), /第 2 版 · 测试带班领导 修改于 .* · 理由：据续报和现场核实情况重写/);
      await section.getByText('修改记录（2 版）').click();
      await section.getByTestId('description-revision-1').getByText('=1+1').waitFor();
      await page.waitForTimeout(500); // the panel's opening motion, for the screenshot
      await screenshot(page, 'bulletin-description-drawer');

      await page.evaluate(() => (window.location.hash = '#/bulletin'));
      await page.getByTestId('bulletin-page').waitFor();
      await page.getByTestId('bulletin-day').fill(BUSY_DAY);
      await page.getByTestId('bulletin-title').getByText('市应急管理局值班日报（草稿）').waitFor();
      await page.getByTestId('problem-suspicion_unverified').waitFor();
      assert.match(await page.getByTestId('bulletin-check').innerText(), /缺少要素：死亡、失踪、重伤/);
      assert.match(await page.getByTestId('bulletin-flags').innerText(), /本值班室（市应急管理局）\s+2026-\d{4}\s+上报迟报/);
      assert.match(await page.getByTestId('bulletin-zero').innerText(), /本值班日无特殊时期零报告要求/);
      // 事件经过 is the leader's text; the fire closed by its final report is 处置结束, not counted as 处置中.
      const incidents = await page.getByTestId('bulletin-incidents').innerText();
      assert.ok(incidents.includes(ROAD_DESCRIPTION), incidents);
      assert.match(incidents, /交警、120 已到场\n伤员已送医，道路恢复通行/);
      assert.match(incidents, /处置结束/);
      assert.match(await page.getByTestId('bulletin-figures').innerText(), /其中处置中[\s\S]*\n3\t3\t2\t/);
      const draft = previewBulletin(ctx, BUSY_DAY).data;
      const keyItems = await page.getByTestId('bulletin-key-items').innerText();
      for (const id of draft.keyItems) assert.ok(keyItems.includes(bulletinTexts('zh-CN', draft).keyItemLine(draft.incidents.find((i) => i.id === id)!)), keyItems);
      assert.match(keyItems, /发生一起较大道路交通事故，造成3人死亡、2人重伤、6人受伤，/);
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
      // The issued revision pins the audit chain (issue 18): its head at issue, under the preview.
      assert.match(await page.getByTestId('bulletin-anchor').innerText(), /^审计链锚点 \d+:[0-9a-f]{12}（核对：duty audit verify --anchor \d+:[0-9a-f]{12}）$/);

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
      assert.match(wb.getWorksheet('值班日报')!.headerFooter.oddFooter ?? '', /^&L&8审计链锚点 \d+:[0-9a-f]{12}/);
      // As it prints (LibreOffice → PDF → PNG), where the tools are installed (always under CI).
      if (!skipPrintUnlessInstalled()) {
        const printed = printWorkbook(readFileSync(file), 'e2e-bulletin');
        assert.ok(printed.pages >= BULLETIN_SHEETS.length);
        assert.ok(printed.flatText.includes(flat(ROAD_DESCRIPTION)), 'the description is printed whole');
        assert.ok(printed.flatText.includes('处置结束'));
      }

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
