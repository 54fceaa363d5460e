// End to end, in headless Chromium against browser mode: 统计分析 over 400 days of demo data. The
// page opens on this month with figure cards equal to the service's, draws the charts (real SVG
// content: bars, the last-year line, 24 clock sectors), switches to the year (drawn by month) and
// to the night theme, and exports the workbook, which is read back and checked against the service.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { fixedClock } from '../../electron/services/clock.js';
import { createContext } from '../../electron/services/context.js';
import { runDemo } from '../../electron/services/demo/seeders.js';
import { periodReport } from '../../electron/services/stats/period-report.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { periodContaining } from '../../shared/domain/stats.js';
import { launchBrowser, openApp, RESULTS, screenshot, startApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

describe('statistics page (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('this month by default, charts drawn, the year by month, night theme, Excel export read back', async () => {
    // A drill clock late in a month: its days and hours all have incidents, whatever day this runs.
    const now = Date.parse('2026-11-24T10:00:00+08:00');
    const app = await startApp(tempDbPath('e2e-stats.db'), { now });
    const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'demo', fixedClock(now));
    runDemo(ctx, { days: 400, seed: 7, now, perDay: 3 });
    const today = formatInZone(now, 'Asia/Shanghai', 'yyyy-MM-dd');
    const month = periodReport(ctx, periodContaining('month', today));
    const year = periodReport(ctx, periodContaining('year', today));
    const page = await openApp(browser, app, '#/stats');
    try {
      await page.getByTestId('stats-page').waitFor();
      const cards = page.getByTestId('stats-card-incidents');
      await cards.locator('.stat-value').waitFor();
      assert.equal(await cards.locator('.stat-value').innerText(), month.total.current.incidents.toLocaleString('zh-CN'));
      assert.equal(await page.getByTestId('stats-card-deaths').locator('.stat-value').innerText(), month.total.current.deaths.toLocaleString('zh-CN'));
      assert.match(await page.getByTestId('stats-range-text').innerText(), new RegExp(`${month.range.from} 至 ${month.range.to}`));
      // The charts are drawn: one bar group per day, the last-year line, 24 clock sectors.
      const trend = page.getByTestId('stats-trend');
      assert.equal(await trend.locator('g.bucket').count(), month.trend.current.length);
      assert.ok(((await trend.locator('polyline').getAttribute('points')) ?? '').split(' ').length >= 2);
      assert.equal(await page.getByTestId('stats-clock').locator('path').count(), 24);
      assert.equal(await page.getByTestId('stats-clock').getByRole('img').getAttribute('aria-label'), '24 小时发生时段');
      const categoryBars = await page.getByTestId('stats-by-category').locator('g.bar-row').count();
      assert.ok(categoryBars > 0, 'bars by category');
      assert.equal(await page.getByTestId('stats-ranking').locator('tbody tr.ant-table-row').count(), month.ranking.length);
      // 传达回执: the month's notices as the service counts them.
      assert.ok(month.notices.notices > 0, 'the demo relays notices');
      assert.equal(await page.getByTestId('stats-notices-notices').innerText(), `收到通知（份） ${month.notices.notices}`);
      assert.equal(await page.getByTestId('stats-notices-receiptMissing').innerText(), `未回执 ${month.notices.receipts.missing}`);
      assert.match(await page.getByTestId('stats-notices-relayRate').innerText(), new RegExp(`按时 ${month.notices.relayOnTime.onTime}/${month.notices.relayOnTime.due} 份`));
      await screenshot(page, 'stats-month');
      // Hover reads a value out.
      await page.getByTestId('stats-clock').locator('path').nth(10).hover();
      assert.match(await page.getByTestId('stats-clock').locator('svg > text').nth(8).innerHTML(), /10–11/);
      await page.evaluate(() => document.querySelector('[data-testid="stats-by-category"]')?.closest('.ant-card')?.scrollIntoView());
      await screenshot(page, 'stats-month-charts');
      await page.evaluate(() => document.querySelector('[data-testid="stats-ranking"]')?.closest('.ant-card')?.scrollIntoView());
      await screenshot(page, 'stats-month-ranking');

      // The year: drawn by month, cards equal to the service's.
      await page.getByTestId('stats-kind').getByText('年', { exact: true }).click();
      await page.getByText('每月事件起数').waitFor();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="stats-card-incidents"] .stat-value')?.textContent === n,
        year.total.current.incidents.toLocaleString('zh-CN'),
      );
      assert.equal(await page.getByTestId('stats-trend').locator('g.bucket').count(), new Set(year.trend.current.map((p) => p.date.slice(0, 7))).size);
      await page.getByTestId('theme-toggle').getByText('夜间').click();
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'night');
      await page.evaluate(() => document.querySelector('.duty-content')?.scrollTo(0, 0));
      await page.waitForTimeout(600); // antd's colour transition
      await screenshot(page, 'stats-year-night');

      // A custom range, typed: the figures follow.
      await page.getByTestId('stats-kind').getByText('自定义', { exact: true }).click();
      const custom = periodReport(ctx, { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-01-31` });
      const inputs = page.locator('.stats-page .ant-picker-range input');
      await inputs.first().click();
      await inputs.first().fill(custom.range.from);
      await page.keyboard.press('Enter');
      await inputs.last().fill(custom.range.to);
      await page.keyboard.press('Enter');
      await page.getByTestId('stats-range-text').getByText(`${custom.range.from} 至 ${custom.range.to}`).waitFor();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="stats-card-incidents"] .stat-value')?.textContent === n,
        custom.total.current.incidents.toLocaleString('zh-CN'),
      );
      await page.getByTestId('stats-kind').getByText('年', { exact: true }).click();
      await page.getByText('每月事件起数').waitFor();

      // Export the year and read it back.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
      assert.equal(download.suggestedFilename(), `stats-${year.range.from}-${year.range.to}.xlsx`);
      const file = join(RESULTS, 'stats-year.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      // The demo's natural disasters state their figures (受灾人口…): their sheet follows 分类别.
      assert.ok(year.natural.current.affected !== null);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['总体情况', '分类别', '自然灾害灾情', '分等级', '分单位', '及时率排名', '每日趋势', '传达回执'],
      );
      assert.deepEqual((wb.getWorksheet('自然灾害灾情')!.getRow(6).values as unknown[]).slice(1, 3), ['受灾人口（人）', year.natural.current.affected]);
      // The notices relayed in the year: as many as the service counts.
      assert.deepEqual((wb.getWorksheet('传达回执')!.getRow(5).values as unknown[]).slice(1, 3), ['收到通知（份）', year.notices.notices]);
      const overview = wb.getWorksheet('总体情况')!;
      assert.deepEqual([overview.getCell('A5').value, overview.getCell('B5').value, overview.getCell('C5').value], ['合计', year.total.current.incidents, year.total.lastYear.incidents]);
      assert.equal(overview.getCell('F5').value, year.total.current.deaths);
      const units = wb.getWorksheet('分单位')!;
      assert.equal(units.rowCount, 4 + year.byUnit.length + 1);
      assert.equal(units.getCell(units.rowCount, 2).value, year.total.current.incidents);
      assert.equal(wb.getWorksheet('每日趋势')!.rowCount, 4 + Math.max(year.trend.current.length, year.trend.lastYear.length) + 1);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
