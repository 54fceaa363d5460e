// End to end, in headless Chromium against browser mode on a drill clock: Settings → 报送时限规则.
// The admin starts from the Henan pack, types a bad number (named in red, nothing saved), previews
// what the change does to the open incidents, saves it as version 2; the dashboard's countdown
// moves at once (written report due 360 min after, not 240), and a flag the leader confirmed under
// version 1 still stands.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { reviewFlag } from '../../electron/services/incidents/followup.js';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import { createNotice, recordRelay } from '../../electron/services/notices/notices.js';
import { noticeFieldsSchema } from '../../shared/domain/notice.js';
import { ensureUnits } from '../helpers/context.js';
import { launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
/** The drill starts here, whatever day the test runs. */
const START = Date.parse('2026-11-24T10:00:00+08:00');

describe('报送时限规则 (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('start from Henan, fix a typo, preview, save: the countdown moves and a confirmed flag survives', async () => {
    const app = await startApp(tempDbPath('e2e-rule-set.db'), { now: START });
    const ctx: ServiceContext = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup', { now: app.now, kind: 'drill' });
    ensureUnits(ctx, ['东城区', '西城区']);
    const n = Math.floor(app.now() / MIN) * MIN;
    // A road accident reported by phone 30 min ago: its written report is due 240 min after (IV).
    const open = sceneIncident(ctx, { unit: '东城区', occurredAt: n - 40 * MIN, receivedAt: n - 30 * MIN });
    // A first report 3 h after the event: late by 60 min under version 1; the leader confirmed it.
    const late = sceneIncident(ctx, { unit: '西城区', occurredAt: n - 200 * MIN, receivedAt: n - 20 * MIN });
    const lateFirst = () => incidentDetail(ctx, late.id).flags.find((f) => f.code === 'LATE_FIRST')!;
    reviewFlag(ctx, { flagId: lateFirst().id, decision: 'confirmed', leader: '张局', reason: '核实属迟报' });
    const written = n - 40 * MIN + 240 * MIN;
    // An orange warning received 50 min ago, relayed 40 min after: on time under 60 minutes.
    const unitIds = ['东城区', '西城区'].map((u) => findUnitByName(ctx.db, u)!.id);
    const orange = createNotice(ctx, noticeFieldsSchema.parse({ kind: 'warning', source: '市气象台', levelText: '暴雨橙色预警', text: '暴雨橙色预警', receivedAt: n - 50 * MIN, unitIds }));
    recordRelay(ctx, { noticeId: orange.id, unitIds, means: 'fax', answeredBy: '', at: n - 10 * MIN });
    const relayLate = () => app.db.prepare("SELECT status, rule_set_version AS v FROM notice_flags WHERE code = 'RELAY_LATE'").all();
    assert.deepEqual(relayLate(), []);

    const page = await openApp(browser, app, '#/dashboard');
    try {
      const countdown = page.getByTestId(`countdown-${open.number}`);
      await countdown.waitFor();
      const row = page.getByTestId('dashboard-deadlines').locator('tr', { has: countdown });
      assert.match(await row.innerText(), new RegExp(new Date(written + 8 * 3600_000).toISOString().slice(11, 16)));

      await page.evaluate(() => (window.location.hash = '#/settings'));
      await page.getByTestId('settings-tab-rules').click();
      await page.getByTestId('rule-set-editor').waitFor();
      assert.match(await page.getByTestId('rules-in-force').innerText(), /现行规则：第 1 版/);
      await page.getByTestId('rules-pack').click();
      await page.locator('.ant-select-item-option', { hasText: 'cn-henan' }).click();
      await page.getByTestId('rules-load-pack').click();
      await page.getByTestId('rules-draft').waitFor();
      // Henan's level IV written limit: 360 min, with its source shown beside the row.
      assert.equal(await page.getByTestId('rule-profiles.accident.limits.IV.writtenReportMin').inputValue(), '360');
      assert.match(await page.getByTestId('rule-class-accident').innerText(), /河南/);

      // A tired admin's typo: a letter in a number is named, and nothing is saved.
      const concealment = page.getByTestId('rule-concealmentWindowHours');
      await concealment.fill('2４h');
      await page.getByTestId('rules-preview').click();
      await page.getByTestId('rules-error').getByText('有 1 处填写有误').waitFor();
      await page.getByText('请输入大于 0 的数').waitFor();
      await concealment.fill('２４');
      // Warnings to be relayed within 30 minutes: the orange one, 40 minutes, becomes late.
      await page.getByTestId('rule-relay.byKindMin.warning').fill('30');
      await page.getByTestId('rules-note').fill('执行河南省报告时限');
      await page.getByTestId('rules-preview').click();
      const summary = page.getByTestId('rules-preview-summary');
      await summary.waitFor();
      assert.match(await summary.innerText(), /重判 2 起未结事件.*2 起的倒计时改变；领导已核定的 1 条仍按原版本判定/);
      // The notices' part of the same preview: the late relay it would raise, named; nothing stored yet.
      assert.match(await page.getByTestId('rules-preview-notices-summary').innerText(), /重判近 7 天收到的 1 份通知，1 份有变化：传达回执标记新增 1 条、变更 0 条、解除 0 条/);
      assert.match(await page.getByTestId('rules-preview-notices').innerText(), /市气象台 暴雨橙色预警[\s\S]*值班室[\s\S]*传达超时[\s\S]*新增/);
      assert.deepEqual(relayLate(), []);
      await screenshot(page, 'rules-preview');

      await page.getByTestId('rules-save').click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '保存为新版本' }).click();
      await page.getByText('已保存为第 2 版，已重判 2 起未结事件').waitFor();
      await page.getByTestId('rules-in-force').getByText(/现行规则：第 2 版/).waitFor();
      // The deadline strip above every page reads the new deadlines at once, not at its next poll.
      await page.getByTestId('deadline-strip').locator('a', { hasText: /2026-0001 东城区 书面报告\s*剩 5:1\d:\d\d/ }).waitFor({ timeout: 3000 });
      assert.match(await page.getByTestId('rules-versions').innerText(), /执行河南省报告时限/);
      await screenshot(page, 'rules-saved');

      await page.evaluate(() => (window.location.hash = '#/dashboard'));
      await countdown.waitFor();
      const moved = new Date(written + 120 * MIN + 8 * 3600_000).toISOString().slice(11, 16);
      await page.getByTestId('dashboard-deadlines').locator('tr', { hasText: moved }).waitFor();
      assert.deepEqual(relayLate(), [{ status: 'late', v: 2 }], 'the save raised what the preview said');
      const kept = lateFirst();
      assert.deepEqual([kept.status, kept.review, kept.ruleSetVersion], ['late', 'confirmed', 1]);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
