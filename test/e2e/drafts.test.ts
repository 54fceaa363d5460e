// End to end, in headless Chromium against browser mode on a drill clock (issue 19, item 4): what a
// person types in the incident's description dialog and in a new notice is kept on this computer;
// a reload (a crash of the page, the host lost and the page reopened) brings it back with a notice
// saying so, and a save clears it. A draft of one incident never opens in another.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { callContext } from '../../electron/services/context.js';
import { ensureUnits } from '../helpers/context.js';
import { launchBrowser, openApp, startApp } from '../helpers/browser.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
const START = Date.parse('2026-11-24T14:10:20+08:00');

describe('drafts kept on this computer', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('the description dialog and a new notice: typed, reloaded, restored, saved, cleared', async () => {
    const app = await startApp(tempDbPath('e2e-drafts.db'), { now: START });
    const ctx = callContext(app.context, 'e2e:setup');
    ensureUnits(ctx, ['东城区', '西城区']);
    const n = Math.floor(app.now() / MIN) * MIN;
    const first = sceneIncident(ctx, { unit: '东城区', occurredAt: n - 60 * MIN, receivedAt: n - 50 * MIN });
    const other = sceneIncident(ctx, { unit: '西城区', occurredAt: n - 40 * MIN, receivedAt: n - 30 * MIN });
    const page = await openApp(browser, app, `#/log/${first.id}`, { as: 'leader' });
    try {
      const section = page.getByTestId('description-section');
      await section.getByTestId('description-edit').click();
      await page.getByTestId('description-input').fill('东城区某路口两车相撞，1 人轻伤，已送医');
      await page.getByTestId('description-reason').fill('据续报改写');
      await page.reload();
      await page.getByTestId('description-section').getByTestId('description-edit').click();
      await page.getByTestId('description-draft').waitFor();
      assert.equal(await page.getByTestId('description-input').inputValue(), '东城区某路口两车相撞，1 人轻伤，已送医');
      assert.equal(await page.getByTestId('description-reason').inputValue(), '据续报改写');
      // Another incident's dialog opens on its own text, not this draft.
      await page.keyboard.press('Escape');
      await page.evaluate((id) => (window.location.hash = `#/log/${id}`), other.id);
      await page.getByTestId('description-section').getByTestId('description-edit').click();
      await page.getByTestId('description-input').waitFor();
      assert.notEqual(await page.getByTestId('description-input').inputValue(), '东城区某路口两车相撞，1 人轻伤，已送医');
      assert.equal(await page.getByTestId('description-draft').count(), 0);
      await page.keyboard.press('Escape');
      // Back on the first: saved, then the draft is gone.
      await page.evaluate((id) => (window.location.hash = `#/log/${id}`), first.id);
      await page.getByTestId('description-section').getByTestId('description-edit').click();
      await page.getByTestId('description-draft').waitFor();
      await page.getByTestId('description-save').click();
      await page.getByTestId('description-section').getByTestId('description-text').getByText('1 人轻伤，已送医').waitFor();
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.includes(':describe:incident:')));

      // A new notice, typed and reloaded.
      await page.evaluate(() => (window.location.hash = '#/relay'));
      await page.getByTestId('notice-new').click();
      await page.getByTestId('notice-source').fill('市气象台');
      await page.getByTestId('notice-text').fill('预计未来3小时我市中心城区降雨量将达100毫米以上');
      await page.reload();
      await page.getByTestId('notice-new').click();
      await page.getByTestId('notice-draft').waitFor();
      assert.equal(await page.getByTestId('notice-source').inputValue(), '市气象台');
      assert.equal(await page.getByTestId('notice-text').inputValue(), '预计未来3小时我市中心城区降雨量将达100毫米以上');
      // Discarded: the form is empty again and nothing is kept.
      await page.getByTestId('notice-draft-discard').click();
      assert.equal(await page.getByTestId('notice-source').inputValue(), '');
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.includes(':notice:new')));
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});
