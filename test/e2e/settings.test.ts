// End to end: settings (bureau name) and backups from the settings page: back up, change data,
// restore, and see the data as it was.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

describe('settings page (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('rename the bureau; back up; add a unit; restore; the unit is gone', async () => {
    const app = await startApp(tempDbPath('e2e-settings.db'));
    const page = await openApp(browser, app, '#/settings');
    try {
      await page.getByTestId('settings-page').waitFor();
      await page.getByTestId('settings-bureau').fill('江城市应急管理局');
      await page.getByTestId('settings-boundary').fill('25:00');
      await page.getByTestId('settings-save').click();
      await page.getByText('请输入 HH:MM 格式的时刻').waitFor();
      await page.getByTestId('settings-boundary').fill('08:30');
      await page.getByTestId('settings-save').click();
      await page.locator('.duty-header').getByText('江城市应急管理局').waitFor();

      await page.getByTestId('backup-now').click();
      await page.getByText(/^已备份：duty-desk-\d{8}-\d{6}\.db$/).waitFor();
      // When the message shows, the list already has the file (it once lagged: a CI failure).
      assert.equal(await page.getByTestId('backup-table').locator('tbody tr.ant-table-row').count(), 1);
      await screenshot(page, 'settings-backups');

      await page.evaluate(() => (window.location.hash = '#/units'));
      await page.getByTestId('unit-add').click();
      await page.getByTestId('unit-name').fill('恢复后应消失');
      await page.getByTestId('unit-duty-phone').fill('123');
      await page.getByTestId('unit-save').click();
      await page.getByRole('cell', { name: '恢复后应消失' }).waitFor();

      await page.evaluate(() => (window.location.hash = '#/settings'));
      await page.getByTestId('backup-table').getByRole('button', { name: /^恢\s?复$/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /^恢\s?复$/ }).click();
      await page.locator('.ant-modal-confirm-title', { hasText: '已恢复。原数据库已另存为：' }).waitFor();
      await page.locator('.ant-modal-confirm').getByRole('button').click();
      await page.getByTestId('duty-clock').waitFor();
      await page.evaluate(() => (window.location.hash = '#/units'));
      await page.getByTestId('units-page').waitFor();
      await page.getByTestId('unit-table').locator('.ant-table-placeholder').waitFor();
      assert.doesNotMatch(await page.getByTestId('unit-table').innerText(), /恢复后应消失/);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
