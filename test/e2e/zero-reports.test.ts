// End to end, in headless Chromium against browser mode: (1) a level III incident shows the duty
// room's upward countdown in its drawer; an upward report entered in time shows 按时 and the
// countdown goes; one entered after the 2 h shows 迟报. (2) A flood-season drill: a period with three
// units, two report (one by keyboard on the grid), the clocks (server and page) pass the 16:00
// cutoff, and the dashboard and the grid show the missing unit flagged; the leader confirms it and
// the unit ledger counts it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { createIncident } from '../../electron/services/incidents/intake.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { createUnit } from '../../electron/services/units.js';
import { intakeSchema } from '../../shared/domain/incident.js';
import { launchBrowser, openApp, screenshot, signIn, startApp, type RunningApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;

function seed(app: RunningApp, names: string[]) {
  const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:admin', { now: app.now, kind: 'drill' });
  const ids = names.map((name) => createUnit(ctx, { name, kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' }).id);
  return { ctx, ids };
}

describe('upward reports and daily zero reports (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('a level III incident: the upward countdown, then an upward report on time and one late', async () => {
    const app = await startApp(tempDbPath('e2e-upward.db'), { now: Date.parse('2026-11-24T14:10:20+08:00') });
    const { ctx } = seed(app, ['东城区']);
    const now = Math.floor(app.now() / MIN) * MIN;
    const make = (receivedAt: number) =>
      createIncident(
        ctx,
        intakeSchema.parse({
          category: 'road_traffic',
          responsibleUnit: '东城区',
          occurredAt: receivedAt - 30 * MIN,
          place: '二环线',
          report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt, location: '二环线', deaths: 3, missing: 0, seriouslyInjured: 0 },
        }),
        'incidents.create',
        { scripted: true }, // two incidents of the test's making, not a duplicate to decide
      ).incident;
    const fresh = make(now - 10 * MIN);
    const stale = make(now - 130 * MIN);
    const page = await openApp(browser, app, `#/log/${fresh.id}`);
    try {
      const drawer = page.getByTestId('incident-drawer');
      await drawer.getByTestId('upward-countdown').first().waitFor();
      assert.match(await drawer.getByTestId('upward-countdown').first().innerText(), /剩余/);
      await page.getByTestId('drawer-upward').click();
      await page.getByRole('button', { name: '省应急管理厅' }).click();
      await page.getByTestId('drawer-action-save').click();
      await drawer.getByTestId('upward-list').getByText('按时').waitFor();
      assert.equal(await drawer.getByTestId('upward-countdown').count(), 0);
      await screenshot(page, 'upward-on-time');

      await page.evaluate((id) => (window.location.hash = `#/log/${id}`), stale.id);
      await page.getByTestId('incident-drawer').getByText(stale.number).waitFor();
      assert.match(await page.getByTestId('upward-countdown').first().innerText(), /已超时/);
      await page.getByTestId('drawer-upward').click();
      // By keyboard: the recipient, then Enter (the time left empty is now).
      await page.getByTestId('upward-recipient').fill('市政府总值班室');
      await page.keyboard.press('Enter');
      await page.getByTestId('upward-list').getByText(/迟报 \d+ 分钟/).waitFor();
      const flag = app.db.prepare("SELECT status FROM flags WHERE incident_id = ? AND code = 'UPWARD_LATE'").get(stale.id) as { status: string };
      assert.equal(flag.status, 'late');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('flood-season drill: reports for some units, the cutoff passes, the missing one is flagged', async () => {
    // Both clocks start at 15:50 Beijing time on 2026-07-20 and move together.
    let serverNow = Date.parse('2026-07-20T15:50:00+08:00');
    const app = await startApp(tempDbPath('e2e-zero.db'), { clock: () => serverNow });
    const { ctx: admin } = seed(app, ['江岸区', '江汉区', '硚口区']);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await page.clock.install({ time: serverNow });
    try {
      await page.goto(app.server.url);
      await signIn(page, await app.userFor('leader'));
      await page.evaluate(() => (window.location.hash = '#/zero'));
      await page.getByTestId('zero-page').waitFor();
      // A new period, by keyboard where it can be.
      await page.getByTestId('period-new').click();
      await page.getByTestId('period-name').fill('2026年汛期');
      await page.getByTestId('period-start').fill('2026-07-20');
      await page.getByTestId('period-end').fill('2026-07-22');
      await page.getByTestId('period-units').click();
      for (const name of ['江岸区', '江汉区', '硚口区']) {
        await page.keyboard.type(name);
        await page.keyboard.press('Enter');
      }
      await page.keyboard.press('Escape');
      await page.getByTestId('period-covers').fill('雨情\n险情\n转移人数');
      await page.getByTestId('period-save').click();
      await page.getByTestId('zero-grid').waitFor();
      const cell = (unit: string, day = '2026-07-20') => page.getByTestId('zero-grid').locator(`tr:has(th:text-is("${unit}")) [data-testid$="-${day}"]`);
      assert.equal(await cell('江岸区').getAttribute('data-status'), 'pending');

      // 江岸区: a zero report, by keyboard: focus the first cell, Enter, the time, Enter.
      await cell('江岸区').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('cell-time').fill('2026-07-20 15:40');
      await page.keyboard.press('Enter');
      await page.getByTestId('cell-time').waitFor({ state: 'detached' });
      // 江汉区: figures for each item; ArrowDown from 江岸区's cell. First the grid as reloaded
      // after the save (a CI run once pressed Enter and no dialog opened), then the focus moved.
      await page.waitForFunction(() => document.querySelectorAll('[data-status="on_time"]').length === 1);
      // The closing dialog hands focus back to the control that opened the period (新建时段) a
      // moment later, which can land after our focus: move it again until it stays on the cell.
      const target = await cell('江汉区').elementHandle();
      for (let i = 0; i < 10; i++) {
        await cell('江岸区').focus();
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(150);
        if (await page.evaluate((el) => document.activeElement === el, target)) break;
      }
      await page.waitForFunction((el) => document.activeElement === el, target, { timeout: 2000 });
      await page.keyboard.press('Enter');
      await page.getByTestId('cell-time').fill('2026-07-20 15:45');
      await page.getByTestId('cell-zero').click();
      await page.getByTestId('cell-item-雨情').fill('中雨 35 mm');
      await page.getByTestId('cell-item-险情').fill('无');
      await page.getByTestId('cell-item-转移人数').fill('12');
      await page.getByTestId('cell-save').click();
      await page.getByTestId('cell-time').waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.querySelectorAll('[data-status="on_time"]').length === 2);

      // The dashboard counts down to 16:00 and names the one not yet reported.
      await page.evaluate(() => (window.location.hash = '#/dashboard'));
      await page.locator('[data-testid^="zero-countdown-"]').waitFor();
      assert.match(await page.locator('[data-testid^="zero-countdown-"]').innerText(), /剩余/);
      assert.match(await page.locator('[data-testid^="zero-missing-"]').innerText(), /硚口区/);
      assert.equal(await page.locator('[data-testid^="zero-alarm-"]').count(), 0);

      // The cutoff passes (16:00:01): the server's rules clock ticks, the page's clock runs on.
      serverNow = Date.parse('2026-07-20T16:00:01+08:00');
      await page.clock.runFor(11 * MIN);
      serverNow = Date.parse('2026-07-20T16:01:01+08:00');
      // The 30 s rules clock's tick, as the app runs it (the e2e server does not start the timer).
      runRulesClock(admin);
      await page.locator('[data-testid^="zero-alarm-"]').first().waitFor();
      assert.match(await page.locator('[data-testid^="zero-alarm-"]').first().innerText(), /硚口区/);
      await screenshot(page, 'zero-dashboard-alarm');
      const flags = app.db.prepare("SELECT u.name, f.status FROM zero_flags f JOIN units u ON u.id = f.unit_id WHERE f.status != 'cleared'").all();
      assert.deepEqual(flags, [{ name: '硚口区', status: 'overdue' }]);

      await page.evaluate(() => (window.location.hash = '#/zero'));
      await page.getByTestId('zero-grid').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-status="missing"]').length === 1);
      assert.match(await page.getByTestId('today-missing').innerText(), /硚口区/);
      assert.match(await page.getByTestId('today-on_time').innerText(), /江岸区、江汉区/);
      // The leader confirms the omission with a written reason; the unit ledger counts it.
      await page.locator('[data-testid^="zero-flag-confirm-"]').click();
      await page.getByTestId('zero-flag-leader').fill('王局');
      await page.getByTestId('zero-flag-reason').fill('电话核实：硚口区值班员漏报');
      await page.getByTestId('zero-flag-save').click();
      await page.getByTestId('zero-flags').getByText(/已确认/).waitFor();
      await page.getByTestId('zero-flag-save').waitFor({ state: 'hidden' });
      await screenshot(page, 'zero-grid');
      await page.evaluate(() => (window.location.hash = '#/ledger'));
      const row = page.getByTestId('ledger-table').locator('tr', { hasText: '硚口区' }).first();
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      // The daily-report columns stand before the two of the relayed notices (传达回执).
      assert.deepEqual(cells.slice(-4, -2), ['1', '0'], `ledger row: ${cells.join(' | ')}`);
    } catch (e) {
      // Twice (of many runs) CI timed out in this drill at different steps: keep what the page
      // showed, said and had focused if it does again.
      await screenshot(page, 'zero-drill-failed').catch(() => undefined);
      const said = await page.locator('.ant-message, .ant-modal').allInnerTexts().catch(() => []);
      const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'none').catch(() => '?');
      throw new Error(`${(e as Error).message}\npage said: ${said.join(' | ')}\nfocused: ${focused}`);
    } finally {
      await context.close();
      await app.stop();
    }
  });
});
