// End to end: the first start creates the admin, then sign-out and sign-in; an officer neither
// sees nor can call a leader's or an admin's method (called from the page as its api client
// would); the screen locks after the settings' minutes without input, and the server answers
// nothing until the password is given again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { updateSettings } from '../../electron/services/settings.js';
import { callFromPage, E2E_PASSWORD, launchBrowser, openApp, screenshot, signIn, startApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

describe('users and roles (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('first start: create the admin, sign out, a wrong password is refused, sign in', async () => {
    const app = await startApp(tempDbPath('e2e-auth-first.db'), { withAdmin: false });
    const page = await openApp(browser, app, '', { as: null });
    try {
      await page.getByText('首次使用：创建管理员账号').waitFor();
      await page.getByTestId('setup-username').fill('zhangsan');
      await page.getByTestId('setup-display-name').fill('张三');
      await page.getByTestId('setup-password').fill('zhang-password');
      await page.getByTestId('setup-password-again').fill('zhang-passwor');
      await page.getByTestId('setup-submit').click();
      await page.getByText('两次输入的密码不一致').waitFor();
      await screenshot(page, 'auth-setup');
      await page.getByTestId('setup-password-again').fill('zhang-password');
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('duty-clock').waitFor();
      assert.match(await page.getByTestId('signed-in-user').innerText(), /张三（管理员）/);
      const row = app.db.prepare("SELECT actor FROM audit_log WHERE method = 'auth.setupAdmin'").get() as { actor: string };
      assert.equal(row.actor, 'user:zhangsan');

      await page.getByTestId('sign-out').click();
      await page.getByText('登录', { exact: true }).first().waitFor();
      await signIn(page, 'zhangsan', 'wrong-password');
      await page.getByTestId('auth-error').getByText('用户名或密码错误').waitFor();
      await screenshot(page, 'auth-login-failed');
      await signIn(page, 'zhangsan', 'zhang-password');
      await page.getByTestId('duty-clock').waitFor();
      // The users page: the admin adds an officer.
      await page.getByTestId('nav-users').click();
      await page.getByTestId('user-add').click();
      await page.getByTestId('user-username').fill('lisi');
      await page.getByTestId('user-display-name').fill('李四');
      await page.getByTestId('user-password').fill('lisi-password');
      await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByRole('cell', { name: '李四' }).waitFor();
      await screenshot(page, 'users-page');
      const created = app.db.prepare("SELECT actor FROM audit_log WHERE method = 'users.create'").get() as { actor: string };
      assert.equal(created.actor, 'user:zhangsan');

      // Changing one's own password: the old one no longer opens.
      await page.getByTestId('change-password').click();
      await page.locator('.ant-modal').getByLabel('当前密码').fill('zhang-password');
      await page.getByTestId('change-password-next').fill('zhang-new-password');
      await page.getByTestId('change-password-next-again').fill('zhang-new-password');
      await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByText('密码已修改').waitFor();
      await page.getByTestId('sign-out').click();
      await signIn(page, 'zhangsan', 'zhang-password');
      await page.getByTestId('auth-error').waitFor();
      await signIn(page, 'zhangsan', 'zhang-new-password');
      await page.getByTestId('duty-clock').waitFor();
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('an officer neither sees nor can call a leader’s or an admin’s method', async () => {
    const app = await startApp(tempDbPath('e2e-auth-officer.db'));
    const page = await openApp(browser, app, '', { as: 'officer' });
    try {
      assert.match(await page.getByTestId('signed-in-user').innerText(), /（值班员）/);
      assert.equal(await page.getByTestId('nav-users').count(), 0);
      assert.equal(await page.getByTestId('nav-settings').count(), 0);
      await page.getByTestId('nav-units').click();
      await page.getByTestId('units-page').waitFor();
      assert.equal(await page.getByTestId('unit-add').isVisible(), false, 'an officer sees no button to add a unit');
      await screenshot(page, 'auth-officer-units');
      const review = await callFromPage(page, 'flags.review', { flagId: 1, decision: 'confirmed', reason: '越权' });
      assert.equal(review.ok, false);
      assert.equal(review.error?.code, 'forbidden');
      assert.equal(review.error!.message, '值班员无权确认或排除标记，须由带班领导、管理员操作');
      const users = await callFromPage(page, 'users.list', {});
      assert.equal(users.error?.code, 'forbidden');
      const units = await callFromPage(page, 'units.list', {});
      assert.equal(units.ok, true);
      const refusals = app.db.prepare("SELECT actor, entity_id, after FROM audit_log WHERE method = 'access.refused' ORDER BY id").all() as { actor: string; entity_id: string; after: string }[];
      assert.deepEqual(
        refusals.map((r) => [r.actor, r.entity_id, JSON.parse(r.after).role]),
        [
          ['user:e2e-officer', 'flags.review', 'officer'],
          ['user:e2e-officer', 'users.list', 'officer'],
        ],
      );
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('the screen locks after the set minutes without input; the server refuses until the password', async () => {
    const app = await startApp(tempDbPath('e2e-auth-lock.db'));
    updateSettings(createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup'), { lockMinutes: 1 });
    const page = await openApp(browser, app, '#/units', { as: 'officer', beforeOpen: (p) => p.clock.install() });
    try {
      await page.getByTestId('units-page').waitFor();
      await page.clock.fastForward(70_000);
      await page.getByTestId('lock-hint').waitFor();
      assert.match(await page.getByTestId('lock-hint').innerText(), /测试值班员 已离开 1 分钟以上/);
      assert.equal(await page.getByTestId('duty-clock').count(), 0, 'the shell is hidden');
      assert.equal(await page.getByTestId('units-page').count(), 0);
      await screenshot(page, 'auth-locked');
      const r = await callFromPage(page, 'units.list', {});
      assert.equal(r.error?.code, 'unauthenticated');
      await page.getByTestId('login-password').fill(E2E_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('duty-clock').waitFor();
      assert.equal((await callFromPage(page, 'units.list', {})).ok, true);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
