// End to end, in headless Chromium against browser mode: a new admin enters a person, generates
// December, saves it, swaps a day; the shift on duty checks in (the overdue alarm goes away), hands
// over, the next shift acknowledges (then read-only); the month is exported and read back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { createPerson } from '../../electron/services/roster/people.js';
import { getMonth } from '../../electron/services/roster/roster.js';
import { dutyDayOf } from '../../shared/domain/duty-day.js';
import { CHECKIN_GRACE_MS } from '../../shared/domain/roster/roster.js';
import { launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { tempDbPath, tempDir } from '../helpers/temp.js';

describe('duty roster (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('generate December, swap a day, check in, hand over, acknowledge, export', async () => {
    // A drill clock an hour and a half into December's first shift (08:30): the whole month lies
    // ahead, the shift on duty is past its check-in grace, whatever day the test runs on.
    const START = Date.parse('2026-12-01T10:00:00+08:00');
    const app = await startApp(tempDbPath('e2e-roster.db'), { now: START });
    const ctx = createContext(app.db, { dbPath: 'e2e', transport: 'http', version: 'e2e' }, 'e2e:admin', { now: app.now, kind: 'drill' });
    const page = await openApp(browser, app, '#/roster/2026-12');
    try {
      await page.getByTestId('roster-page').waitFor();
      await page.getByTestId('roster-empty').waitFor();

      // A person entered through the form (keyboard: Enter submits); the rest of the pool by service.
      await page.getByTestId('tab-people').click();
      await page.getByTestId('person-add').click();
      await page.getByTestId('person-name').fill('王建国');
      await page.getByTestId('person-phone').fill('13600000001');
      await page.getByTestId('person-roles').getByText('带班领导').click();
      await page.getByTestId('person-phone').press('Enter');
      await page.getByTestId('person-form').waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: '王建国' }).waitFor();
      assert.match(await page.getByTestId('people-table').innerText(), /王建国\s+13600000001\s+带班领导\s*值班员/);
      for (const [i, name] of ['李卫东', '张振华', '刘志强'].entries()) createPerson(ctx, { name, phone: `1360000001${i}`, roles: ['leader'], account: null, notes: '' });
      for (const [i, name] of ['赵敏', '孙丽', '周杰', '吴芳', '郑涛', '冯雪', '陈晨', '褚明', '卫红'].entries()) createPerson(ctx, { name, phone: `1380000000${i}`, roles: ['officer'], account: null, notes: '' });
      await screenshot(page, 'roster-people');

      // No public holidays entered yet: the month says so, and generating asks to enter them first.
      await page.getByRole('tab', { name: '月历' }).click();
      await page.getByTestId('holidays-missing').waitFor();
      assert.match(await page.getByTestId('holidays-missing').innerText(), /节假日安排未录入/);
      await page.getByTestId('roster-generate').click();
      await page.getByTestId('holidays-missing-confirm').waitFor();
      await screenshot(page, 'roster-holidays-missing');
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '去录入节假日' }).click();
      // The 2027 notice, pasted as a table; a typo first is named by its line, and nothing is entered.
      await page.getByTestId('notice-form').waitFor();
      assert.equal(await page.locator('[data-testid=notice-year] input, input[data-testid=notice-year]').first().inputValue(), '2027');
      const notice = ['元旦\t1月1日\t1月3日\t放假', '春节\t2月5日至2月11日\t放假', '春节调休\t2月14日\t上班', '国庆节\t10月1日\t10月7日\t放加'];
      await page.getByTestId('notice-text').fill(notice.join('\n'));
      await page.getByTestId('notice-text').press('Control+Enter');
      await page.getByTestId('notice-error').waitFor();
      assert.match(await page.getByTestId('notice-error').innerText(), /第 4 行：类型“放加”无法识别/);
      await screenshot(page, 'roster-notice-error');
      await page.getByTestId('notice-text').fill(notice.join('\n').replace('放加', '放假'));
      await page.getByTestId('notice-text').press('Control+Enter');
      await page.getByText('已录入 4 条（0 条已存在）；法定节假日现已录入至 2027-10-07').waitFor();
      assert.equal(await page.getByTestId('notice-error').count(), 0);
      await page.getByText('春节调休').first().waitFor();

      // Generate December: a proposal with fairness counts, saved on request.
      await page.getByRole('tab', { name: '月历' }).click();
      await page.getByTestId('roster-month').click(); // the month reloads with the holidays entered
      await page.getByTestId('month-next').click();
      await page.getByTestId('month-prev').click();
      await page.getByTestId('roster-empty').waitFor();
      assert.equal(await page.getByTestId('holidays-missing').count(), 0);
      await page.getByTestId('roster-generate').click();
      await page.getByTestId('proposal').waitFor();
      // The tab strip can still be animating in when first clicked: click until the tab is open.
      const fairTab = page.getByRole('tab', { name: /公平性统计/ });
      for (let i = 0; i < 5 && (await fairTab.getAttribute('aria-selected')) !== 'true'; i++) {
        await fairTab.click();
        await page.waitForTimeout(200);
      }
      assert.match(await page.getByTestId('spread-officer').innerText(), /总班次差 [01]，周末差 [01]/);
      await screenshot(page, 'roster-proposal');
      await page.getByTestId('proposal-save').click();
      await page.getByText('已保存 2026-12 值班表').waitFor();
      await page.getByTestId('roster-calendar').waitFor();
      const dec = getMonth(ctx, '2026-12');
      assert.equal(dec.shifts.length, 31);
      await screenshot(page, 'roster-december');

      // Swap a day with a later one, confirmed by both people: the first pair where neither would
      // end up next to a shift of their own.
      const near = (day: string, id: number) => dec.shifts.some((x) => Math.abs(Date.parse(x.day) - Date.parse(day)) <= 86_400_000 && [...x.leaders, ...x.officers].some((y) => y.id === id));
      const candidates = dec.shifts.flatMap((a) =>
        a.officers.flatMap((pa) => dec.shifts.filter((b) => b.day > a.day).flatMap((b) => b.officers.map((pb) => ({ a, pa, b, pb })))),
      );
      const { a, pa, b, pb } = candidates.find(({ a, pa, b, pb }) => pa.id !== pb.id && !near(b.day, pa.id) && !near(a.day, pb.id))!;
      await page.getByTestId(`roster-shift-${a.day}-0`).click();
      await page.getByTestId('shift-form').waitFor();
      const pick = async (testId: string, label: string) => {
        await page.getByTestId(testId).click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
        // Let the dropdown finish closing, so the next one is the only one visible.
        await page.waitForTimeout(400);
      };
      await pick('shift-person-a', pa.name);
      await pick('shift-other-day', `${b.day} 全天`);
      await pick('shift-person-b', pb.name);
      await pick('shift-confirmed-by', pa.name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: pb.name }).first().click();
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
      await page.getByTestId('shift-reason').fill('家中有事，双方同意换班');
      await screenshot(page, 'roster-swap');
      await page.getByTestId('shift-reason').press('Enter');
      await page.getByText('已调整').waitFor();
      await page.getByTestId('shift-form').waitFor({ state: 'detached' });
      assert.match(await page.getByTestId(`roster-day-${a.day}`).innerText(), new RegExp(pb.name));
      assert.match(await page.getByTestId(`roster-day-${b.day}`).innerText(), new RegExp(pa.name));
      await page.getByTestId('tab-history').click();
      await page.getByText('家中有事，双方同意换班', { exact: false }).waitFor();
      await screenshot(page, 'roster-history');

      // Check in: the shift on duty now, 1 December's, past its grace: the alarm names its officers.
      assert.equal(dutyDayOf(app.now(), { timeZone: 'Asia/Shanghai', boundary: '08:30' }), '2026-12-01');
      await page.evaluate(() => (window.location.hash = '#/handover'));
      await page.evaluate(() => (window.location.hash = '#/roster'));
      await page.getByTestId('on-duty-panel').getByText('下一班').waitFor();
      const panel = page.getByTestId('on-duty-panel');
      const now = (await import('../../electron/services/roster/on-duty.js')).onDutyAt(ctx, app.now())!;
      assert.equal(now.start, Date.parse('2026-12-01T08:30:00+08:00'));
      assert.ok(app.now() > now.start + CHECKIN_GRACE_MS);
      await panel.getByTestId('checkin-alarm').waitFor();
      assert.match(await panel.getByTestId('checkin-alarm').innerText(), new RegExp(now.officers.map((o) => o.name).join('|')));
      await screenshot(page, 'roster-checkin-alarm');
      for (const o of now.officers) {
        await panel.getByTestId(`checkin-${o.id}`).click();
        await page.getByText(`${o.name} 已签到`).waitFor();
      }
      await panel.getByTestId('checkin-alarm').waitFor({ state: 'detached' });
      const shown = await panel.getByText('已签到').count();
      if (shown !== now.officers.length) await screenshot(page, 'roster-checked-in-failed');
      assert.equal(shown, now.officers.length);
      await screenshot(page, 'roster-checked-in');

      // Hand over: pre-filled record, notes, then the next shift signs; afterwards read-only.
      await page.getByTestId('nav-handover').click();
      await page.getByTestId('handover-prepare').click();
      await page.getByTestId('handover-notes').fill('东城区道路塌陷：续报 10:00 前到；市防指通知已转发。');
      await page.getByTestId('handover-save-notes').click();
      await page.getByText('已保存').first().waitFor();
      assert.match(await page.getByTestId('handover-checkins').innerText(), new RegExp(now.officers[0]!.name));
      await screenshot(page, 'handover-draft');
      await page.getByTestId('handover-ack-person').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.getByTestId('handover-ack-remarks').fill('已阅，已接班');
      await page.getByTestId('handover-ack').click();
      await page.getByText('已签收').first().waitFor();
      await page.getByTestId('handover-notes-text').waitFor();
      assert.equal(await page.getByTestId('handover-notes').count(), 0);
      assert.equal(await page.getByTestId('handover-ack').count(), 0);
      await screenshot(page, 'handover-acknowledged');

      // Export December and read the download back.
      await page.evaluate(() => (window.location.hash = '#/roster/2026-12'));
      await page.reload();
      await page.getByTestId('roster-calendar').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-export').click()]);
      assert.equal(download.suggestedFilename(), '值班表-2026-12.xlsx');
      const file = join(tempDir(), 'roster.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('值班表')!;
      const text = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v ?? ''));
      assert.equal(text(ws.getCell('A1').value), '市应急管理局2026年12月值班表');
      const rowA = ws.getRow(2 + Number(a.day.slice(8)));
      assert.equal(text(rowA.getCell(1).value), a.day);
      assert.match(text(rowA.getCell(2).value), /^星期[一二三四五六日]$/);
      assert.match(text(rowA.getCell(5).value), new RegExp(pb.name));
      assert.doesNotMatch(text(rowA.getCell(5).value), new RegExp(pa.name));
      assert.equal(ws.pageSetup.paperSize, 9);

      // Import: a wrong name is refused with its row and column, nothing written; the file as exported imports.
      rowA.getCell(3).value = '查无此人';
      const bad = join(tempDir(), 'bad.xlsx');
      await wb.xlsx.writeFile(bad);
      await page.locator('input[type=file]').setInputFiles(bad);
      await page.getByTestId('import-error').waitFor();
      assert.match(await page.getByTestId('import-error').innerText(), new RegExp(`第 ${2 + Number(a.day.slice(8))} 行“带班领导”列：找不到人员“查无此人”`));
      await screenshot(page, 'roster-import-error');
      await page.getByRole('button', { name: /^(知道了|确\s?定|OK)$/ }).click();
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByText('已导入 2026-12：31 个班次、93 人次').waitFor();
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
