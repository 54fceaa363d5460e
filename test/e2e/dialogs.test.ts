// End to end, in headless Chromium against browser mode: dialogs by keyboard, as the night drill
// asked. A dialog's first field has the focus at once (keys typed straight after opening land);
// every dropdown is searched by typing and Tab moves on after the choice; Enter submits a one-line
// form; Ctrl+Enter saves any dialog.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { findUserByName } from '../../electron/db/repositories/users.js';
import { launchBrowser, openApp, startApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

describe('dialogs by keyboard (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('the unit dialog takes the first keys; the user dialog: role by typing, Tab moves on, Enter submits', async () => {
    const app = await startApp(tempDbPath('e2e-dialogs.db'), { now: Date.parse('2026-11-24T10:00:00+08:00') });
    const page = await openApp(browser, app, '#/units');
    try {
      // Typed at once after the dialog opens, during its opening animation: nothing is lost.
      await page.getByTestId('unit-add').click();
      await page.keyboard.type('南湖区');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab'); // the kind (a searchable select), then the duty phone
      await page.keyboard.type('027-85550001');
      assert.equal(await page.getByTestId('unit-name').inputValue(), '南湖区');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('cell', { name: '南湖区' }).waitFor();

      await page.evaluate(() => (window.location.hash = '#/users'));
      await page.getByTestId('user-add').click();
      await page.keyboard.type('duty02');
      await page.keyboard.press('Tab');
      await page.keyboard.type('李值班');
      await page.keyboard.press('Tab');
      await page.keyboard.type('带班'); // the role, searched by typing
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab'); // moves on after the choice: the roster person (left empty)
      await page.keyboard.press('Tab');
      await page.keyboard.type('duty-password-1');
      await page.keyboard.press('Enter');
      await page.getByTestId('user-dialog').waitFor({ state: 'detached' });
      const u = findUserByName(app.db, 'duty02');
      assert.equal(u?.displayName, '李值班');
      assert.equal(u?.role, 'leader');
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
