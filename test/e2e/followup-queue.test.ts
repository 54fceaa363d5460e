// End to end, in headless Chromium against browser mode on a drill clock: a night's flags written
// through the services (a concealment suspicion, an omission, a false report, late and overdue
// reports, missing items), then the leader's 督办 list: the worst first, each row saying what is
// wrong, filtered by kind and unit, the count of all shown; the dashboard's list in the same order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { rosterSeeder } from '../../electron/services/demo/roster-seeder.js';
import { rngFor } from '../../electron/services/demo/rng.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import type { ReportFields } from '../../shared/domain/incident.js';
import { ensureUnits } from '../helpers/context.js';
import { launchBrowser, openApp, screenshot, startApp, type RunningApp } from '../helpers/browser.js';
import { sceneFollowup, sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
/** The drill starts here (a Tuesday afternoon), whatever day the test runs. */
const START = Date.parse('2026-11-24T14:10:20+08:00');

/** The night, as the services write it, at times before the drill clock's now. */
function seedNight(app: RunningApp): void {
  const ctx: ServiceContext = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup', { now: app.now, kind: 'drill' });
  rosterSeeder.seed(ctx, { days: 2, seed: 1, now: app.now() }, rngFor(1, 'roster'));
  ensureUnits(ctx, ['东城区', '西城区', '南湖区']);
  const n = Math.floor(app.now() / MIN) * MIN;
  const create = (unit: string, occurredAt: number, receivedAt: number, report: Partial<ReportFields> = {}) => sceneIncident(ctx, { unit, occurredAt, receivedAt, report }).id;
  const follow = (id: number, unit: string, receivedAt: number, r: Partial<ReportFields>) => sceneFollowup(ctx, id, receivedAt, { fromUnit: unit, ...r });
  // A first report 2 h 50 min late (and its written report now overdue).
  create('东城区', n - 300 * MIN, n - 10 * MIN);
  // A media tip; the unit has not reported.
  create('西城区', n - 200 * MIN, n - 190 * MIN, { channel: 'media', fromUnit: '市融媒体中心' });
  // Deaths rose from 1 to 3 within the hour: a concealment suspicion.
  const rose = create('南湖区', n - 110 * MIN, n - 100 * MIN, { deaths: 1 });
  follow(rose, '南湖区', n - 50 * MIN, { deaths: 3 });
  // Deaths fell from 2 to 1 without a reason: a false report suspicion.
  const fell = create('东城区', n - 110 * MIN, n - 100 * MIN, { deaths: 2 });
  follow(fell, '东城区', n - 60 * MIN, { deaths: 1 });
  // A report without its location: missing items.
  create('西城区', n - 40 * MIN, n - 30 * MIN, { location: null });
  runRulesClock(ctx);
}

const rows = (page: Page) => page.getByTestId('flag-queue').locator('tbody tr.ant-table-row');

describe('督办 (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test("the leader's list starts with concealment, omission and false reports, says what is wrong, and filters by kind and unit", async () => {
    const app = await startApp(tempDbPath('e2e-followup-queue.db'), { now: START });
    seedNight(app);
    const page = await openApp(browser, app, '#/followup', { as: 'leader' });
    try {
      await page.getByTestId('followup-page').waitFor();
      await rows(page).first().waitFor();
      const texts = await rows(page).allInnerTexts();
      const total = Number(/共 (\d+) 条/.exec(await page.getByTestId('queue-total').innerText())![1]);
      assert.equal(texts.length, total, 'every flag is on the page, and the count says so');
      assert.match(texts[0]!, /南湖区[\s\S]*瞒报疑点[\s\S]*首报后 24 小时内等级上升（\d\d-\d\d \d\d:\d\d 所报）/);
      assert.match(texts[1]!, /西城区[\s\S]*漏报[\s\S]*首报截止 \d\d-\d\d \d\d:\d\d 前责任单位未正式报告，至今未报/);
      assert.match(texts[2]!, /东城区[\s\S]*谎报疑点[\s\S]*伤亡数字下降且未说明更正原因/);
      assert.match(texts[3]!, /东城区[\s\S]*首报迟报[\s\S]*首报截止 .*才报，迟 2 小时 50 分钟/);
      assert.match(texts.at(-1)!, /西城区[\s\S]*要素缺失[\s\S]*所报缺：地点/);
      // The shift on duty is named, and when.
      assert.match(texts[0]!, /收到报告时在班/);
      assert.match(texts[1]!, /时限到时在班/);
      await screenshot(page, 'followup-queue');

      // By kind: only the omission.
      await page.getByTestId('queue-kind').click();
      await page.keyboard.type('漏报');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.getByTestId('queue-total').getByText('共 1 条').waitFor();
      assert.match((await rows(page).allInnerTexts()).join('\n'), /漏报/);
      await page.getByTestId('queue-kind').hover();
      await page.getByTestId('queue-kind').locator('.ant-select-clear').click();
      await page.getByTestId('queue-total').getByText(`共 ${total} 条`).waitFor();
      // Clearing can open the kind's list again: close it, so the unit's list is the only one shown.
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.ant-select-dropdown')).every((d) => d.getClientRects().length === 0 || getComputedStyle(d).visibility === 'hidden'));

      // By unit: only 西城区's.
      await page.getByTestId('queue-unit').click();
      await page.keyboard.type('西城');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '西城区' }).last().waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('queue-total').getByText(/共 \d+ 条/).waitFor();
      await page.waitForFunction((n) => !document.querySelector('[data-testid="queue-total"]')?.textContent?.includes(`共 ${n} 条`), total);
      const west = await rows(page).allInnerTexts();
      assert.ok(west.length > 0 && west.length < total);
      for (const r of west) assert.match(r, /西城区/);
      await screenshot(page, 'followup-queue-west');

      // The dashboard's list reads in the same order.
      await page.getByTestId('nav-dashboard').click();
      const first = page.getByTestId('dashboard-flags').locator('.ant-list-item').first();
      await first.waitFor();
      assert.match(await first.innerText(), /瞒报疑点[\s\S]*等级上升/);
      await first.scrollIntoViewIfNeeded();
      await screenshot(page, 'followup-dashboard-flags');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
