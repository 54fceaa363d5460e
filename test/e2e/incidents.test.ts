// End to end, in headless Chromium against browser mode: a phone report 2 h 01 min after the stated
// occurrence becomes a late flag on the dashboard and in 督办, a leader confirms it and the unit's
// ledger shows it (and exports); a media tip with no official report shows the omitted flag and an
// overdue countdown whose alarm the officer acknowledges. Times are typed relative to the server's
// drill clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { createIncident } from '../../electron/services/incidents/intake.js';
import { createUnit } from '../../electron/services/units.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { intakeSchema } from '../../shared/domain/incident.js';
import { choose, launchBrowser, openApp, screenshot, startApp, type RunningApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
const TZ = 'Asia/Shanghai';
const typed = (ms: number) => formatInZone(ms, TZ, 'yyyy-MM-dd HH:mm');
/** Each flow runs on a drill clock from here (mid-afternoon, mid-duty-day), whatever day it is. */
const START = Date.parse('2026-11-24T14:10:20+08:00');

function seedUnits(app: RunningApp): void {
  const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:admin', { now: app.now, kind: 'drill' });
  for (const name of ['东城区', '西城区'])
    createUnit(ctx, { name, kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
}


describe('incident log (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('phone report 2 h 01 min late -> flag on the dashboard and in 督办 -> leader confirms -> unit ledger', async () => {
    const app = await startApp(tempDbPath('e2e-incidents-late.db'), { now: START });
    seedUnits(app);
    const page = await openApp(browser, app, '#/intake');
    try {
      await page.getByTestId('intake-page').waitFor();
      const minuteNow = Math.floor(app.now() / MIN) * MIN;
      const occurred = minuteNow - 121 * MIN;
      const started = app.now();
      // By keyboard, in the tab order of the form.
      await page.getByTestId('intake-from-unit').fill('东城区');
      await page.keyboard.press('Tab');
      await page.keyboard.type('王伟');
      await page.getByTestId('intake-caller-phone').fill('13800001111');
      await page.getByTestId('intake-received-at').fill(typed(minuteNow));
      await page.getByTestId('intake-occurred-at').fill(typed(occurred));
      await choose(page, 'intake-category', '道路');
      await page.getByTestId('intake-place').fill('建设大道与发展路口');
      await page.getByTestId('intake-deaths').fill('1');
      await page.getByTestId('intake-missing').fill('0');
      await page.getByTestId('intake-seriouslyInjured').fill('2');
      await page.getByTestId('intake-summary').fill('货车与小客车相撞，1 人死亡');
      // The level and the deadlines are shown before saving; this report is 1 minute late.
      await page.getByTestId('intake-level-preview').getByText('一般').waitFor();
      assert.match(await page.getByTestId('intake-deadline-LATE_FIRST').innerText(), /已迟报 1 分钟/);
      await screenshot(page, 'incidents-intake-late');
      await page.keyboard.press('Alt+s');
      const saved = await page.getByTestId('intake-saved').innerText();
      assert.match(saved, /已登记 \d{4}-0001/);
      assert.ok(app.now() - started < 60_000, 'a full quick report in under a minute');
      const number = /(\d{4}-0001)/.exec(saved)![1]!;

      // Dashboard: the late flag awaits review; the written report's deadline counts down.
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('dashboard-flags').getByText('首报迟报').waitFor();
      assert.match(await page.getByTestId(`countdown-${number}`).innerText(), /剩余|已超时/);
      await screenshot(page, 'incidents-dashboard-late');

      // 督办: a leader confirms it with a written reason.
      await page.getByTestId('nav-followup').click();
      const row = page.getByTestId('flag-queue').getByRole('row').filter({ hasText: '首报迟报' });
      assert.match(await row.innerText(), /首报迟报 1′/);
      await row.getByRole('button', { name: /^确\s?认$/ }).click();
      await page.getByTestId('review-leader').fill('张局长');
      await page.getByTestId('review-reason').fill('经电话核实，东城区首报迟报 1 分钟');
      await page.getByTestId('review-save').click();
      await page.getByText('已记录').waitFor();
      await page.getByTestId('queue-filter').getByText('已确认').click();
      await page.getByTestId('flag-queue').getByText('张局长：经电话核实，东城区首报迟报 1 分钟').waitFor();
      await screenshot(page, 'incidents-followup-confirmed');

      // The unit ledger shows the confirmed finding and exports it.
      await page.getByTestId('nav-ledger').click();
      const ledgerRow = page.getByTestId('ledger-table').getByRole('row').filter({ hasText: '东城区' }).first();
      await ledgerRow.waitFor();
      assert.match(await page.getByTestId('ledger-table').innerText(), /\n\t?东城区\t1\t1\t0[\s\S]*首报迟报[\s\S]*张局长/);
      const download = page.waitForEvent('download');
      await page.getByTestId('ledger-export').click();
      assert.match((await download).suggestedFilename(), /^unit-ledger-\d{4}\.xlsx$/);
      await screenshot(page, 'incidents-ledger');

      // The log finds it by full text; the drawer shows its timeline.
      await page.getByTestId('nav-log').click();
      await page.getByTestId('log-search').locator('input').fill('发展路口');
      await page.getByTestId(`log-row-${number}`).click();
      await page.getByTestId('timeline-report-1').waitFor();
      await screenshot(page, 'incidents-log-drawer');

      const methods = (app.db.prepare('SELECT method FROM audit_log ORDER BY id').all() as { method: string }[]).map((r) => r.method);
      for (const m of ['incidents.create', 'flags.review']) assert.ok(methods.includes(m), `audited: ${m}`);
      const caller = app.db.prepare('SELECT from_unit, caller_name FROM incident_reports').get();
      assert.deepEqual({ ...(caller as object) }, { from_unit: '东城区', caller_name: '王伟' }, 'Tab moved from the unit to the caller name');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('a media tip with no official report -> omitted flag and an overdue countdown; the alarm is acknowledged', async () => {
    const app = await startApp(tempDbPath('e2e-incidents-omitted.db'), { now: START });
    seedUnits(app);
    const page = await openApp(browser, app, '#/intake');
    try {
      await page.getByTestId('intake-page').waitFor();
      await page.getByTestId('intake-from-unit').fill('市融媒体中心');
      await choose(page, 'intake-channel', '媒体');
      await page.getByTestId('intake-occurred-at').fill(typed(app.now() - 180 * MIN));
      await choose(page, 'intake-category', '火灾');
      await page.getByTestId('intake-responsible-unit').fill('西城区');
      await page.getByTestId('intake-place').fill('江汉路步行街商铺');
      await page.getByTestId('intake-summary').fill('网络视频显示商铺起火，冒出浓烟');
      await page.getByTestId('intake-save').click();
      const number = /(\d{4}-0001)/.exec(await page.getByTestId('intake-saved').innerText())![1]!;

      await page.getByTestId('nav-dashboard').click();
      const countdown = page.getByTestId(`countdown-${number}`);
      await countdown.waitFor();
      assert.equal(await countdown.getAttribute('data-stage'), 'red');
      assert.match(await countdown.innerText(), /^已超时 (0:59|1:0\d):\d\d$/);
      await page.getByTestId('dashboard-flags').getByText('漏报').waitFor();
      const alarm = page.getByTestId(`alarm-${number}-overdue`);
      await alarm.waitFor();
      assert.match(await alarm.innerText(), /西城区：首报 已逾期/);
      await screenshot(page, 'incidents-dashboard-overdue');
      await page.getByTestId(`alarm-ack-${number}-overdue`).click();
      await alarm.waitFor({ state: 'detached' });
      // Still red: acknowledging silences the alarm, it does not meet the deadline.
      assert.equal(await countdown.getAttribute('data-stage'), 'red');
      const acks = app.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE method = 'dashboard.ack'").get() as { n: number };
      assert.equal(acks.n, 1);

      await page.getByTestId('nav-followup').click();
      await page.getByTestId('flag-queue').getByText('漏报').waitFor();
      await page.getByTestId('flag-queue').getByText('首报迟报').waitFor();
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('a later call about the same incident is offered for merging; it joins the chain; an upward report is logged', async () => {
    const app = await startApp(tempDbPath('e2e-incidents-merge.db'), { now: START });
    seedUnits(app);
    const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:officer', { now: app.now, kind: 'drill' });
    const occurred = Math.floor((app.now() - 180 * MIN) / MIN) * MIN;
    const { incident } = createIncident(
      ctx,
      intakeSchema.parse({
        category: 'fire',
        responsibleUnit: '西城区',
        occurredAt: occurred,
        place: '江汉路步行街商铺',
        report: { kind: 'initial', channel: 'media', fromUnit: '市融媒体中心', receivedAt: occurred + 20 * MIN, summary: '网传商铺起火' },
      }),
    );
    const page = await openApp(browser, app, '#/intake');
    try {
      await page.getByTestId('intake-from-unit').fill('西城区');
      await page.getByTestId('intake-occurred-at').fill(typed(occurred + 10 * MIN));
      await choose(page, 'intake-category', '火灾');
      await page.getByTestId('intake-place').fill('江汉路步行街');
      await page.getByTestId('intake-duplicates').getByText(incident.number).first().waitFor();
      await screenshot(page, 'incidents-intake-duplicate');
      await page.getByTestId(`intake-merge-${incident.id}`).click();
      await page.getByTestId('intake-target').getByText(incident.number).waitFor();
      await page.getByTestId('intake-deaths').fill('0');
      await page.getByTestId('intake-missing').fill('0');
      await page.getByTestId('intake-seriouslyInjured').fill('0');
      await page.getByTestId('intake-summary').fill('商铺起火已扑灭，无人员伤亡');
      await page.keyboard.press('Alt+s');
      assert.match(await page.getByTestId('intake-saved').innerText(), new RegExp(incident.number));

      const flags = app.db.prepare("SELECT code, status FROM flags WHERE incident_id = ? AND status <> 'cleared' ORDER BY code").all(incident.id) as { code: string; status: string }[];
      assert.deepEqual(
        flags.map((f) => `${f.code}:${f.status}`),
        ['LATE_FIRST:late', 'OMITTED_UNREPORTED:suspected'],
        'the overdue first report became late when the unit finally called',
      );

      await page.evaluate((id) => (window.location.hash = `#/log/${id}`), incident.id);
      await page.getByTestId('timeline-report-2').waitFor();
      await page.getByTestId('drawer-upward').click();
      await page.getByTestId('upward-recipient').fill('省应急管理厅');
      await page.getByTestId('drawer-action-save').click();
      await page.getByTestId('incident-timeline').getByText('省应急管理厅', { exact: false }).waitFor();
      await screenshot(page, 'incidents-drawer-merged');
      const upward = app.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE method = 'incidents.addUpward'").get() as { n: number };
      assert.equal(upward.n, 1);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
