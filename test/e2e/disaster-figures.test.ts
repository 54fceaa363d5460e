// End to end, in headless Chromium against browser mode on a drill clock (2026-07-20, flood
// season): a natural disaster's 受灾人口, 紧急转移安置人口 and 倒塌房屋. Choosing 洪涝 shows the three
// fields after the casualties and the loss, in Tab order; they are read like deaths (a unit word
// taken off, a vague count refused by name); the save stores them; a follow-up by F4 shows them
// again and raises the count; the drawer shows the figures as they stand and per report; the
// bulletin adds them up, on the page and in its workbook (printed through LibreOffice where it is
// installed: test-results/ndfig-bulletin-xlsx-page-N.png). A road accident shows no such fields.
// The statistics page adds them up for the month. Screenshots: test-results/ndfig-intake.png,
// ndfig-drawer.png, ndfig-bulletin.png, ndfig-stats.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { createUnit } from '../../electron/services/units.js';
import { choose, launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { flat, printWorkbook, skipPrintUnlessInstalled } from '../helpers/print.js';
import { tempDbPath, tempDir } from '../helpers/temp.js';

/** 10:00 in Shanghai on a duty day of the flood season. */
const START = Date.parse('2026-07-20T10:00:00+08:00');
const DAY = '2026-07-20';

describe('natural-disaster figures (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('a flood states them at intake and in a follow-up; the drawer and the bulletin show them; an accident has none', async () => {
    const app = await startApp(tempDbPath('e2e-disaster-figures.db'), { now: START });
    const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:admin', { now: app.now, kind: 'drill' });
    for (const name of ['新洲区', '东城区'])
      createUnit(ctx, { name, kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
    const page = await openApp(browser, app, '#/intake', { as: 'leader' });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
    try {
      await page.getByTestId('intake-page').waitFor();
      await page.getByTestId('intake-from-unit').fill('新洲区');
      await page.getByTestId('intake-occurred-at').fill('09:20');
      assert.equal(await page.getByTestId('intake-natural').count(), 0, 'no category yet: no disaster figures');
      await choose(page, 'intake-category', '洪涝');
      await page.getByTestId('intake-natural').waitFor();
      await choose(page, 'intake-level', '较大'); // graded by hand: a 要情 of the bulletin
      await page.getByTestId('intake-place').fill('双柳街道涨渡湖村');

      // Keyboard only from the deaths: the disaster figures come after the loss, then the summary.
      await page.getByTestId('intake-deaths').focus();
      await page.keyboard.type('0');
      await page.keyboard.press('Tab');
      await page.keyboard.type('0');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // seriously injured, injured, trapped
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'intake-loss');
      await page.keyboard.type('350万');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'intake-affected');
      await page.keyboard.type('1200人次');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'intake-evacuated');
      await page.keyboard.type('300人');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'intake-housesCollapsed');
      await page.keyboard.type('十几间');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'intake-summary');
      await page.keyboard.type('强降雨致河水漫堤，部分房屋倒塌');

      // A vague count is refused by name, nothing saved; the exact one is kept as typed.
      await page.keyboard.press('Alt+s');
      const housesError = page.getByTestId('intake-housesCollapsed').locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-form-item ")][1]').locator('.ant-form-item-explain');
      await housesError.getByText('“十几间”不是确切数字：请填核实的间数').waitFor();
      assert.equal((app.db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n, 0);
      await page.getByTestId('intake-housesCollapsed').fill('12间');
      await screenshot(page, 'ndfig-intake');
      await page.keyboard.press('Alt+s');
      await page.getByTestId('intake-saved').getByText('已登记 2026-0001').waitFor();
      const first = app.db.prepare('SELECT affected, evacuated, houses_collapsed AS houses, direct_loss_yuan AS loss FROM incident_reports').get();
      assert.deepEqual({ ...(first as object) }, { affected: 1200, evacuated: 300, houses: 12, loss: 3_500_000 });

      // An accident: no disaster figures at all.
      await choose(page, 'intake-category', '道路交通');
      await page.getByTestId('intake-deaths').waitFor();
      assert.equal(await page.getByTestId('intake-natural').count(), 0);
      await choose(page, 'intake-category', '洪涝');
      await page.getByTestId('intake-natural').waitFor();
      await page.keyboard.press('Alt+n');

      // The follow-up by F4: the fields are there for the flood; the count rises.
      await page.keyboard.press('F4');
      // The rows must be the answer to what was typed (the search runs 200 ms after the last key),
      // not the list shown when the picker opened. Typed at once after Alt+N, F4: the keys go to
      // the picker's box (test/e2e/picker-focus.test.ts).
      const answered = page.waitForResponse((r) => r.url().includes('/api/incidents.list') && (r.request().postData() ?? '').includes('涨渡湖'));
      await page.keyboard.type('涨渡湖');
      const answer = (await (await answered).json()) as { value: { rows: { number: string }[] } };
      assert.deepEqual(answer.value.rows.map((r) => r.number), ['2026-0001'], 'the search finds the flood by its place');
      await page.getByTestId('picker-row-2026-0001').waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('intake-target').waitFor();
      await page.getByTestId('intake-natural').waitFor();
      await page.getByTestId('intake-affected').fill('1500');
      await page.getByTestId('intake-housesCollapsed').fill('0');
      await page.getByTestId('intake-summary').fill('续报：新增受灾群众 300 人');
      await page.keyboard.press('Alt+s');
      await page.getByTestId('intake-saved').waitFor();
      assert.deepEqual(
        app.db.prepare('SELECT fig_affected AS a, fig_evacuated AS e, fig_houses_collapsed AS h FROM incidents').get(),
        { a: 1500, e: 300, h: 0 },
        'the latest official figure; the evacuated the follow-up left out stays as stated',
      );

      // The drawer: the figures as they stand, and each report's.
      const id = (app.db.prepare('SELECT id FROM incidents').get() as { id: number }).id;
      await page.evaluate((h) => (window.location.hash = h), `#/log/${id}`);
      await page.getByTestId('drawer-natural').getByText('受灾人口 1500 人、紧急转移安置 300 人、倒塌房屋 0 间、直接经济损失 350 万元').waitFor();
      assert.equal(await page.getByTestId('report-natural-1').innerText(), '受灾人口 1200 人、紧急转移安置 300 人、倒塌房屋 12 间');
      assert.equal(await page.getByTestId('report-natural-2').innerText(), '受灾人口 1500 人、倒塌房屋 0 间');
      await screenshot(page, 'ndfig-drawer');

      // The bulletin of the day (a draft: the day is still running).
      await page.evaluate(() => (window.location.hash = '#/bulletin'));
      await page.getByTestId('bulletin-page').waitFor();
      await page.getByTestId('bulletin-day').fill(DAY);
      const line = '自然灾害（1 起）：受灾人口 1500 人、紧急转移安置 300 人、倒塌房屋 0 间、直接经济损失 350 万元';
      await page.getByTestId('bulletin-natural').getByText(line).waitFor();
      assert.match(await page.getByTestId('bulletin-incidents').innerText(), /受灾人口 1500 人\s+紧急转移安置 300 人\s+倒塌房屋 0 间/);
      assert.match(await page.getByTestId('bulletin-key-items').innerText(), /发生洪涝灾害，无人员伤亡，受灾人口1500人、紧急转移安置300人。/);
      await page.getByTestId('bulletin-natural').scrollIntoViewIfNeeded();
      await screenshot(page, 'ndfig-bulletin');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-export').click()]);
      const file = join(tempDir(), 'ndfig-bulletin.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
      const front = wb.getWorksheet('值班日报')!.getSheetValues().flat().map(String).join('|');
      assert.ok(front.includes(line), front);
      if (!skipPrintUnlessInstalled()) {
        const printed = printWorkbook(readFileSync(file), 'ndfig-bulletin-xlsx');
        assert.ok(printed.flatText.includes(flat(line)), 'the natural-disaster line is printed whole');
        assert.ok(printed.flatText.includes(flat('自然灾害灾情')));
      }

      // The statistics of this month: the same figures, against last year's (none stated).
      await page.evaluate(() => (window.location.hash = '#/stats'));
      await page.getByTestId('stats-natural-current').getByText('1 起自然灾害：受灾人口 1500 人、紧急转移安置 300 人、倒塌房屋 0 间、直接经济损失 350 万元').waitFor();
      assert.match(await page.getByTestId('stats-natural-last-year').innerText(), /去年同期\s*未报灾情数据/);
      await screenshot(page, 'ndfig-stats');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
