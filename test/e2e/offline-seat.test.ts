// End to end, in headless Chromium against browser mode on loopback (issue 19, the loopback version
// of the room test): the host is stopped while a seat types an intake report. The red banner shows
// within a second, nothing typed is lost (the form keeps it, and so does the draft on this
// computer), the save made meanwhile waits; the host restarts on the same database and port, the
// seat signs in again (the restart ended every session), and the report is saved exactly once.
// Then the case where the host committed the save but stopped before its answer reached the seat:
// the seat sends it again with the same key and it is still saved once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { createUnit } from '../../electron/services/units.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import { choose, E2E_PASSWORD, launchBrowser, openApp, restartApp, screenshot, startApp, type RunningApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
const START = Date.parse('2026-11-24T14:10:20+08:00');
const typed = (ms: number) => formatInZone(ms, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm');
const count = (app: RunningApp, sql: string): number => (app.db.prepare(sql).get() as { n: number }).n;

function seedUnits(app: RunningApp): void {
  const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:admin', { now: app.now, kind: 'drill' });
  createUnit(ctx, { name: '东城区', kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
}

async function typeReport(page: Page, app: RunningApp, summary: string): Promise<void> {
  await page.getByTestId('intake-page').waitFor();
  await page.getByTestId('intake-from-unit').fill('东城区');
  await page.getByTestId('intake-caller-name').fill('王伟');
  await page.getByTestId('intake-occurred-at').fill(typed(app.now() - 30 * MIN));
  await choose(page, 'intake-category', '道路');
  await page.getByTestId('intake-place').fill('建设大道与发展路口');
  await page.getByTestId('intake-summary').fill(summary);
}

/** The host's return: the lock screen asks the same person's password; the waiting save then goes. */
async function signInAgain(page: Page): Promise<void> {
  await page.getByTestId('lock-hint').waitFor({ timeout: 10_000 });
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('a seat that loses the host (browser mode, loopback)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('host stopped while typing: red banner within 1 s, nothing lost, the queued save goes once after the restart and sign-in', async () => {
    const path = tempDbPath('e2e-offline-typing.db');
    let app = await startApp(path, { now: START });
    seedUnits(app);
    await app.userFor('officer');
    const page = await openApp(browser, app, '#/intake', { as: 'officer' });
    try {
      await typeReport(page, app, '货车与小客车相撞');
      const now = app.now();
      await app.stop();
      const stoppedAt = Date.now();
      const banner = page.getByTestId('host-banner');
      await banner.waitFor({ timeout: 3000 });
      const ms = Date.now() - stoppedAt;
      assert.ok(ms <= 1000, `the banner showed ${ms} ms after the host stopped`);
      assert.match(await banner.innerText(), /与值班室主机断开连接（\d\d:\d\d:\d\d 起）——正在重试；正在填写的内容已保存在本机/);
      // Typing goes on while the host is away; everything typed stays, on the form and on this computer.
      await page.getByTestId('intake-summary').fill('货车与小客车相撞，1 人受伤');
      await page.getByTestId('intake-deaths').fill('0');
      const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('duty.draft.v1:e2e-officer:intake:new')).map(([, v]) => v));
      assert.equal(kept.length, 1);
      assert.match(kept[0]!, /1 人受伤/);
      // Saved while the host is away: queued, counted on the banner.
      await page.keyboard.press('Control+Enter');
      await page.getByText('主机暂时无法连接：已排队').waitFor();
      await page.getByTestId('host-banner').getByText('待提交 1 项').waitFor();
      assert.equal(await page.getByTestId('intake-summary').inputValue(), '货车与小客车相撞，1 人受伤');
      await screenshot(page, 'offline-seat-banner');

      app = await restartApp(path, app, { now });
      await page.getByTestId('host-banner').waitFor({ state: 'detached', timeout: 5000 });
      await signInAgain(page);
      await page.getByTestId('host-back').getByText('已恢复，1 项已提交').waitFor({ timeout: 10_000 });
      assert.equal(count(app, 'SELECT count(*) AS n FROM incidents'), 1);
      assert.equal(count(app, 'SELECT count(*) AS n FROM incident_reports'), 1);
      assert.equal(count(app, "SELECT count(*) AS n FROM incident_reports WHERE summary = '货车与小客车相撞，1 人受伤'"), 1, 'what was typed while the host was away is what was saved');
      assert.equal(count(app, 'SELECT count(*) AS n FROM request_keys'), 1);
      // Saved, so the draft is gone and the form is empty for the next call.
      await page.getByTestId('intake-page').waitFor();
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('duty.draft.v1:') || k === 'duty.pendingSaves.v1'));
      assert.equal(await page.getByTestId('intake-summary').inputValue(), '');
      // The waiting save kept its call's time: the server dated the call before the host stopped, not at the retry.
      const received = (app.db.prepare('SELECT received_at AS at FROM incident_reports').get() as { at: number }).at;
      assert.ok(received <= now + 1000, `received ${new Date(received).toISOString()} vs host stopped ${new Date(now).toISOString()}`);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('the host committed the save but stopped before its answer arrived: sent again with the same key, saved once', async () => {
    const path = tempDbPath('e2e-offline-answer-lost.db');
    let app = await startApp(path, { now: START });
    seedUnits(app);
    await app.userFor('officer');
    const page = await openApp(browser, app, '#/intake', { as: 'officer' });
    try {
      await typeReport(page, app, 'answer lost');
      let stopping: Promise<void> | null = null;
      let now = 0;
      await page.route(
        '**/api/incidents.create',
        async (route) => {
          // The request reaches the host, which commits and answers; then the host stops and the answer never arrives.
          await route.fetch();
          now = app.now();
          stopping = app.stop();
          await stopping;
          await route.abort('connectionreset');
        },
        { times: 1 },
      );
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('host-banner').waitFor({ timeout: 5000 }).catch(async (e: unknown) => {
        await screenshot(page, 'offline-seat-answer-lost-failed');
        throw e;
      });
      assert.ok(stopping);
      app = await restartApp(path, app, { now });
      assert.equal(count(app, 'SELECT count(*) AS n FROM incidents'), 1, 'the first attempt committed');
      await signInAgain(page);
      await page.getByTestId('host-back').getByText('已恢复，1 项已提交').waitFor({ timeout: 10_000 });
      assert.equal(count(app, 'SELECT count(*) AS n FROM incidents'), 1, 'the retry was answered, not saved again');
      assert.equal(count(app, 'SELECT count(*) AS n FROM incident_reports'), 1);
      assert.equal(count(app, 'SELECT count(*) AS n FROM request_keys WHERE answer IS NOT NULL'), 1);
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('duty.draft.v1:') || k === 'duty.pendingSaves.v1'));
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
