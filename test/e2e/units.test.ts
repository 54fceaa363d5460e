// End to end, in headless Chromium against browser mode: the units directory and the shell
// (language, night theme), surviving a restart of the app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from '../helpers/browser.js';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { closeDatabase } from '../../electron/db/connection.js';
import { createUnit } from '../../electron/services/units.js';
import { testContext } from '../helpers/context.js';
import { tempDbPath } from '../helpers/temp.js';

describe('units directory (browser mode)', () => {
  let browser: Browser;
  const dbPath = tempDbPath('e2e-units.db');
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('add a unit, see it listed, restart, still there', async () => {
    let app = await startApp(dbPath);
    let page = await openApp(browser, app, '#/units');
    try {
    await page.getByTestId('units-page').waitFor();
    assert.equal(await page.locator('.ant-menu-item-selected').innerText(), '报送单位');

    // Saving an empty form shows what is missing and writes nothing.
    await page.getByTestId('unit-add').click();
    await page.getByTestId('unit-name').waitFor();
    await page.getByTestId('unit-save').click();
    await page.getByText('请填写单位名称').waitFor();
    await page.getByText('请填写值班电话').waitFor();

    // Keyboard only: type, tab, Enter submits.
    await page.getByTestId('unit-name').fill('东城区');
    await page.getByTestId('unit-duty-phone').fill('abc');
    await page.getByTestId('unit-duty-phone').press('Enter');
    await page.getByText('电话号码格式不正确', { exact: false }).waitFor();
    await page.getByTestId('unit-duty-phone').fill('027-85551234');
    await page.getByTestId('unit-contact-name').fill('王伟');
    await page.getByTestId('unit-contact-name').press('Enter');
    await page.getByTestId('unit-form').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '东城区' }).waitFor();
    assert.match(await page.getByTestId('unit-table').innerText(), /027-85551234/);

    // A second unit, then search narrows the list.
    await page.keyboard.press('Alt+N');
    await page.getByTestId('unit-name').fill('市消防救援支队');
    await page.getByTestId('unit-kind').click();
    await page.locator('.ant-select-item-option[title="部门"]').click();
    await page.getByTestId('unit-duty-phone').fill('119');
    await page.getByTestId('unit-save').click();
    await page.getByRole('cell', { name: '市消防救援支队' }).waitFor();
    await page.getByTestId('unit-search').locator('input').fill('消防');
    await page.getByRole('cell', { name: '东城区' }).waitFor({ state: 'detached' });
    await screenshot(page, 'units-search');
    await page.getByTestId('unit-search').locator('input').fill('');
    await page.getByRole('cell', { name: '东城区' }).waitFor();

    // A duplicate name is refused by the server, shown on the field.
    await page.getByTestId('unit-add').click();
    await page.getByTestId('unit-name').fill('东城区');
    await page.getByTestId('unit-duty-phone').fill('123');
    await page.getByTestId('unit-save').click();
    await page.getByText('已有名为“东城区”的单位').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('unit-form').waitFor({ state: 'detached' });
    await screenshot(page, 'units-list');

    // Restart: a new server process state and token over the same file.
    await page.context().close();
    await app.stop();
    app = await startApp(dbPath);
    page = await openApp(browser, app, '#/units');
    await page.getByRole('cell', { name: '东城区' }).waitFor();
    await page.getByRole('cell', { name: '市消防救援支队' }).waitFor();

    // Deactivate: gone from the default list, present with "show inactive".
    const row = page.getByRole('row', { name: /东城区/ });
    await row.getByRole('button', { name: /^停\s?用$/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^停\s?用$/ }).click();
    await page.getByText('已停用“东城区”').waitFor();
    await page.getByRole('cell', { name: '东城区' }).waitFor({ state: 'detached' });
    await page.getByTestId('unit-show-inactive').click();
    await page.getByRole('cell', { name: '东城区' }).waitFor();
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('switch to English and to the night theme; both survive a reload', async () => {
    const app = await startApp(tempDbPath('e2e-shell.db'));
    const page = await openApp(browser, app, '#/units');
    try {
    assert.match(await page.getByTestId('duty-day').innerText(), /^值班日 \d{4}-\d{2}-\d{2}$/);
    await screenshot(page, 'shell-day-zh');

    await page.getByTestId('lang-select').click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await page.getByText('Reporting units', { exact: true }).first().waitFor();
    assert.match(await page.getByTestId('duty-day').innerText(), /^Duty day \d{4}-\d{2}-\d{2}$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    await page.getByTestId('theme-toggle').getByText('Night').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'night');
    const bg = await page.locator('.duty-content').evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    assert.ok(r! + g! + b! < 150, `night background should be dark, got ${bg}`);
    await screenshot(page, 'shell-night-en');

    await page.reload();
    await page.getByTestId('duty-clock').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'night');
    await page.getByText('Reporting units', { exact: true }).first().waitFor();
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('a computer clock set back is warned of in the shell', async () => {
    const path = tempDbPath('e2e-clock.db');
    // A record stamped ten minutes ahead of the clock the server starts on.
    const start = Date.parse('2026-11-24T10:00:00+08:00');
    const ctx = testContext({ path, now: start + 10 * 60_000 });
    createUnit(ctx, unitFieldsSchema.parse({ name: '未来单位', kind: 'other', dutyPhone: '123' }));
    closeDatabase(ctx.db);
    const app = await startApp(path, { now: start });
    const page = await openApp(browser, app, '#/units');
    try {
      const warning = page.getByTestId('clock-warning');
      await warning.waitFor();
      assert.match(await warning.innerText(), /电脑时间比最近一条记录早 (9|10) 分钟/);
      await screenshot(page, 'clock-warning');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
