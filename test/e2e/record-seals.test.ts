// End to end (issue 18): a row changed behind the app's back shows as a red banner on every
// screen (the start check's verdict), and Settings → 审计封印 verifies everything and names it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { createContext } from '../../electron/services/context.js';
import { startCheck } from '../../electron/services/record-status.js';
import { createUnit } from '../../electron/services/units.js';
import { launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

describe('the seals of the record (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('a unit changed with sqlite3: the banner on every screen, and the settings page names the row', async () => {
    const path = tempDbPath('e2e-seals.db');
    const app = await startApp(path);
    const ctx = createContext(app.db, { dbPath: path, transport: 'http', version: 'e2e' }, 'e2e:setup');
    createUnit(ctx, unitFieldsSchema.parse({ name: '东城区', kind: 'district', dutyPhone: '027-85551234' }));
    const raw = new Database(path);
    raw.exec("UPDATE units SET duty_phone = '027-00000000' WHERE name = '东城区'");
    raw.close();
    // What the app does at every start.
    assert.equal(startCheck(ctx).state, 'failed');
    const page = await openApp(browser, app, '#/units');
    try {
      const banner = page.getByTestId('record-warning');
      await banner.waitFor();
      assert.match(await banner.innerText(), /记录校验未通过：1 处记录在应用之外被改动、增加或删除（首处：表 units，第 1 行/);
      await page.evaluate(() => (window.location.hash = '#/settings'));
      await page.getByTestId('seal-settings').waitFor();
      await page.getByTestId('record-warning').waitFor();
      await page.getByTestId('seal-verify').click();
      await page.getByTestId('seal-problems').getByText('表 units，第 1 行：与它的封印不符（在应用之外被改动）').waitFor();
      assert.match(await page.getByTestId('seal-state').innerText(), /校验未通过/);
      await screenshot(page, 'record-seals-failed');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
