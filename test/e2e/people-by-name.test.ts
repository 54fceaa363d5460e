// End to end, in headless Chromium against browser mode on a drill clock: people by name and
// actions in words. An officer sees 生成排班建议 disabled with who may use it, and a call made anyway
// is refused in words; the handover record names who prepared it and says what is due (only a
// passed deadline is overdue); the incident's audit trail names people and actions; a summary
// too long says the limit and its length.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { rosterSeeder } from '../../electron/services/demo/roster-seeder.js';
import { rngFor } from '../../electron/services/demo/rng.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { ensureUnits } from '../helpers/context.js';
import { callFromPage, launchBrowser, openApp, screenshot, startApp, type RunningApp } from '../helpers/browser.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
/** The drill starts here (a Tuesday afternoon), whatever day the test runs. */
const START = Date.parse('2026-11-24T14:10:20+08:00');
const hhmm = (ms: number) => formatInZone(ms, 'Asia/Shanghai', 'HH:mm');

function seed(app: RunningApp, actor: string): ServiceContext {
  const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, actor, { now: app.now, kind: 'drill' });
  rosterSeeder.seed(ctx, { days: 2, seed: 1, now: app.now() }, rngFor(1, 'roster'));
  ensureUnits(ctx, ['东城区', '西城区']);
  return ctx;
}

describe('people by name, actions in words (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test("an officer sees 生成排班建议 disabled with the reason; a call made anyway is refused in words", async () => {
    const app = await startApp(tempDbPath('e2e-names-officer.db'), { now: START });
    seed(app, 'e2e:setup');
    const page = await openApp(browser, app, '#/roster/2026-11', { as: 'officer' });
    try {
      const generate = page.getByTestId('roster-generate');
      await generate.waitFor();
      assert.equal(await generate.isDisabled(), true);
      assert.equal(await generate.getAttribute('title'), '仅带班领导、管理员可以生成排班建议');
      await page.locator('.role-gated').filter({ has: generate }).hover();
      await page.locator('.ant-tooltip:visible').getByText('仅带班领导、管理员可以生成排班建议').waitFor();
      await screenshot(page, 'names-roster-officer');
      // Alt+G does nothing for an officer either.
      await page.keyboard.press('Alt+g');
      assert.equal(await page.locator('.ant-modal:visible').count(), 0);
      const r = await callFromPage(page, 'roster.generate', { month: '2026-12' });
      assert.equal(r.error?.code, 'forbidden');
      assert.equal(r.error?.message, '值班员无权生成排班建议，须由带班领导、管理员操作');
      assert.doesNotMatch(r.error!.message, /roster\.generate/);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('the handover names who prepared it and says what is due; the audit trail names people; a long summary states the limit', async () => {
    const app = await startApp(tempDbPath('e2e-names-handover.db'), { now: START });
    const leader = await app.userFor('leader');
    const ctx = seed(app, `user:${leader}`);
    const n = Math.floor(app.now() / MIN) * MIN;
    // A quick report on time: the written report is due 4 h after the occurrence, still to come.
    const due = sceneIncident(ctx, { unit: '东城区', occurredAt: n - 60 * MIN, receivedAt: n - 50 * MIN });
    // An older one whose written report is overdue by 20 minutes.
    sceneIncident(ctx, { unit: '西城区', occurredAt: n - 260 * MIN, receivedAt: n - 250 * MIN });
    runRulesClock(ctx);
    const page = await openApp(browser, app, '#/handover', { as: 'leader' });
    try {
      await page.getByTestId('handover-prepare').click();
      await page.getByTestId('handover-notes').waitFor();
      const card = page.locator('.ant-card').filter({ has: page.getByTestId('handover-notes') });
      const text = await card.innerText();
      assert.match(text, /由 测试带班领导 于 \d{4}-\d\d-\d\d \d\d:\d\d 生成/);
      assert.doesNotMatch(text, /user:|e2e-leader/);
      assert.match(text, new RegExp(`书面报告 截止 ${hhmm(n + 180 * MIN)}`));
      assert.match(text, new RegExp(`书面报告 已逾期：截止 ${hhmm(n - 20 * MIN)}，已超 2\\d 分钟`));
      assert.doesNotMatch(text, /书面报告迟报/);
      await screenshot(page, 'names-handover');

      // The incident's audit trail: the person and the action, not `user:…` or a method name.
      await page.evaluate((id) => (window.location.hash = `#/log/${id}`), due.id);
      const trail = page.locator('[data-testid^="timeline-audit-"]').first();
      await trail.waitFor();
      assert.match(await trail.innerText(), /测试带班领导 登记接报 · 事件/);
      assert.doesNotMatch(await page.getByTestId('incident-drawer').innerText(), /user:|incidents\.create/);
      // Once the drawer has slid in.
      await page.waitForFunction(() => {
        const w = document.querySelector('.ant-drawer-content-wrapper');
        return w !== null && ['none', 'matrix(1, 0, 0, 1, 0, 0)'].includes(getComputedStyle(w).transform);
      });
      await trail.scrollIntoViewIfNeeded();
      await screenshot(page, 'names-audit-trail');

      // A summary of 5,400 characters: the limit and the length, at the field.
      await page.evaluate(() => (window.location.hash = '#/intake'));
      await page.getByTestId('intake-page').waitFor();
      await page.getByTestId('intake-from-unit').fill('东城区');
      await page.getByTestId('intake-place').fill('人民路');
      await page.getByTestId('intake-occurred-at').fill(formatInZone(n - 30 * MIN, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm'));
      await page.getByTestId('intake-category').click();
      await page.keyboard.type('道路');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').last().waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('intake-summary').fill('事'.repeat(5400));
      await page.getByTestId('intake-save').click();
      await page.locator('.ant-form-item-explain').getByText('内容过长：最多 4000 字，现有 5400 字').waitFor();
      await screenshot(page, 'names-summary-too-long');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
