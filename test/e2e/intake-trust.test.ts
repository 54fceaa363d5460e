// End to end, in headless Chromium against browser mode on a drill clock: intake as a tired officer
// on a quiet night uses it. The form left idle after a save does not backdate the next call (the
// received time is the first keystroke's, the entry stamp the server's); a quick report takes few
// keys and no mouse; every bad input a night shift produced is refused with its message and nothing
// saved; a likely duplicate asks for a decision; a follow-up from any page by F4; a final report
// closes the incident; the leader reviews a flag with the keyboard alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContext } from '../../electron/services/context.js';
import { createUnit, updateUnit } from '../../electron/services/units.js';
import { choose, launchBrowser, openApp, screenshot, startApp, type RunningApp } from '../helpers/browser.js';
import { tempDbPath } from '../helpers/temp.js';

/** Ten past midnight: "23:50" typed now means yesterday. */
const START = Date.parse('2026-11-25T00:10:00+08:00');
const MIN = 60_000;

function seed(app: RunningApp) {
  const ctx = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:admin', { now: app.now, kind: 'drill' });
  const unit = (name: string) => createUnit(ctx, { name, kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
  unit('东城区');
  unit('南湖区');
  const jt = unit('市公安局交通管理局');
  updateUnit(ctx, jt.id, { ...jt, aliases: ['市交警支队'] });
}

const count = (app: RunningApp, sql: string): number => (app.db.prepare(sql).get() as { n: number }).n;

/** Keys pressed that are not the text itself: Tab, Enter, arrows, shortcuts. */
function keyCounter(page: Page) {
  let n = 0;
  return {
    press: async (key: string) => {
      n++;
      await page.keyboard.press(key);
    },
    type: (text: string) => page.keyboard.type(text),
    get count() {
      return n;
    },
  };
}

async function errorOf(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-form-item ")][1]').locator('.ant-form-item-explain').innerText();
}

describe('intake a tired officer can trust (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('the idle form does not backdate a call; a quick report by keyboard; bad input refused; duplicates decided', async () => {
    const app = await startApp(tempDbPath('e2e-intake-trust.db'), { now: START });
    seed(app);
    const page = await openApp(browser, app, '#/intake', { as: 'officer' });
    const incidents = () => count(app, 'SELECT count(*) AS n FROM incidents');
    const reports = () => count(app, 'SELECT count(*) AS n FROM incident_reports');
    try {
      await page.getByTestId('intake-page').waitFor();
      assert.match(await page.getByTestId('intake-call-at').inputValue(), /开始输入即计时/);

      // A quick report: unit (a short name), when it happened, category, place, the three figures,
      // one line of summary; keyboard only, keys counted beyond the text itself.
      const k = keyCounter(page);
      await page.getByTestId('intake-from-unit').focus();
      await k.type('东城');
      for (let i = 0; i < 7; i++) await k.press('Tab'); // name, title, phone, channel, kind, received, occurred
      await k.type('2350'); // yesterday 23:50: ten past midnight now
      await k.press('Tab');
      await k.type('道路');
      await k.press('Enter');
      await k.press('Tab'); // 责任单位: the caller's unit unless typed
      await k.press('Tab');
      await k.type('建设大道与发展路口');
      await k.press('Tab');
      await k.type('1');
      await k.press('Tab');
      await k.type('0');
      await k.press('Tab');
      await k.type('2');
      for (let i = 0; i < 4; i++) await k.press('Tab'); // injured, trapped, loss, summary
      await k.type('货车与小客车相撞');
      await page.getByTestId('intake-level-preview').getByText('一般').waitFor();
      await k.press('Alt+s');
      await page.getByTestId('intake-saved').waitFor({ timeout: 5000 }).catch(async (e) => {
        await screenshot(page, 'intake-quick-failed');
        throw e;
      });
      const quickKeys = k.count;
      assert.ok(quickKeys <= 30, `a quick report took ${quickKeys} keys beyond its text`);
      const first = app.db.prepare('SELECT i.number, i.occurred_at AS occurred, i.responsible_unit AS unit, r.from_unit AS fromUnit, r.deaths, r.missing, r.seriously_injured AS serious FROM incidents i JOIN incident_reports r ON r.incident_id = i.id').get() as Record<string, unknown>;
      assert.deepEqual(first, { number: '2026-0001', occurred: Date.parse('2026-11-24T23:50:00+08:00'), unit: '东城区', fromUnit: '东城区', deaths: 1, missing: 0, serious: 2 });
      const savedAt = app.now();
      await screenshot(page, 'intake-quick-saved');

      // Idle after the save, then the next call: its time is the first keystroke, not the save's.
      await page.waitForTimeout(6000);
      assert.match(await page.getByTestId('intake-call-at').inputValue(), /开始输入即计时/, 'the idle form is not timing a call');
      const firstKey = app.now();
      await page.getByTestId('intake-from-unit').focus();
      await page.keyboard.type('南湖区');
      await page.waitForTimeout(2500);
      await page.getByTestId('intake-occurred-at').fill('00:05');
      await choose(page, 'intake-category', '火灾');
      await page.getByTestId('intake-place').fill('湖滨花园3栋');
      await page.getByTestId('intake-summary').fill('居民楼起火');
      const beforeSave = app.now();
      await page.keyboard.press('Alt+s');
      await page.getByTestId('intake-saved').waitFor();
      await page.getByText('已登记 2026-0002').first().waitFor();
      const second = app.db.prepare("SELECT received_at AS received, entered_at AS entered FROM incident_reports r JOIN incidents i ON i.id = r.incident_id WHERE i.number = '2026-0002'").get() as { received: number; entered: number };
      assert.ok(Math.abs(second.received - firstKey) < 2000, `received ${second.received - firstKey} ms from the first keystroke`);
      assert.ok(second.received - savedAt > 5000, 'not the previous save');
      assert.ok(second.entered >= beforeSave && second.entered <= app.now(), "the entry is stamped by the server's clock at the save");
      assert.ok(second.entered - second.received > 2000, 'the two times are kept side by side');

      // Bad input: each refused with its message, nothing saved.
      const n0 = incidents();
      const r0 = reports();
      const fill = async (testId: string, text: string) => page.getByTestId(testId).fill(text);
      // A pre-filled field is replaced by typing (select on focus), never doubled.
      await fill('intake-from-unit', '南湖区');
      await page.getByTestId('intake-caller-name').focus();
      await page.getByTestId('intake-from-unit').focus();
      await page.keyboard.type('南湖区');
      assert.equal(await page.getByTestId('intake-from-unit').inputValue(), '南湖区');
      // The doubled name, an unknown name: not a unit.
      await fill('intake-from-unit', '南湖区南湖区');
      await fill('intake-occurred-at', '00:01');
      await choose(page, 'intake-category', '火灾');
      await page.keyboard.press('Alt+s');
      assert.match(await errorOf(page, 'intake-from-unit'), /“南湖区南湖区”不是报送单位目录中的单位/);
      // An alias finds its unit.
      await fill('intake-from-unit', '市交警支队');
      await page.getByTestId('intake-caller-name').focus();
      assert.equal(await page.getByTestId('intake-from-unit').inputValue(), '市公安局交通管理局');
      await fill('intake-from-unit', '东城');
      await page.getByTestId('intake-caller-name').focus();
      assert.equal(await page.getByTestId('intake-from-unit').inputValue(), '东城区');
      // Counts: never changed silently.
      for (const [text, message] of [
        ['-3', /不能是负数/],
        ['3o', /“3o”不是数字/],
        ['十几', /“十几”不是确切数字/],
      ] as const) {
        await fill('intake-deaths', text);
        await page.keyboard.press('Alt+s');
        assert.match(await errorOf(page, 'intake-deaths'), message);
      }
      // Times: forgiving forms read, nonsense and the future refused with the forms shown.
      for (const [text, shown] of [
        ['17.05', '2026-11-24 17:05'],
        ['17点05', '2026-11-24 17:05'],
        ['23:50', '2026-11-24 23:50'],
      ] as const) {
        await fill('intake-occurred-at', text);
        await page.getByText(shown, { exact: true }).first().waitFor();
      }
      await fill('intake-deaths', '两人');
      for (const [text, message] of [
        ['25:00', /时间无法识别。可写 17:05、1705、17点05、昨天 23:50/],
        ['明天 10:00', /这个时间还没到/],
      ] as const) {
        await fill('intake-occurred-at', text);
        await page.keyboard.press('Alt+s');
        assert.match(await errorOf(page, 'intake-occurred-at'), message);
      }
      // A spreadsheet row of the wrong width: refused, nothing filled in.
      await page.getByTestId('intake-place').fill('');
      await page.getByTestId('intake-place').focus();
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text/plain', '南湖区\t张三\t13800000000\t火灾\t湖滨花园\n');
        document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await page.getByText(/粘贴的内容有 5 列/).waitFor();
      assert.equal(await page.getByTestId('intake-place').inputValue(), '');
      await screenshot(page, 'intake-bad-input');
      assert.equal(incidents(), n0, 'nothing saved');
      assert.equal(reports(), r0, 'nothing saved');

      // A likely duplicate of 2026-0001: saving asks; N and a reason make a new incident (audited).
      await page.keyboard.press('Alt+n');
      await page.getByTestId('intake-from-unit').fill('东城');
      await page.getByTestId('intake-occurred-at').fill('23:55');
      await choose(page, 'intake-category', '道路');
      await page.getByTestId('intake-place').fill('建设大道');
      await page.getByTestId('intake-duplicates').getByText('2026-0001').first().waitFor();
      await page.keyboard.press('Alt+s');
      await page.getByTestId('dup-decision').waitFor();
      await screenshot(page, 'intake-duplicate-decision');
      await page.keyboard.press('n');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'dup-reason');
      await page.keyboard.type('另一辆车在同一路口追尾，不是同一事故');
      await page.keyboard.press('Enter');
      await page.getByText('已登记 2026-0003').first().waitFor();
      const audit = app.db.prepare("SELECT after FROM audit_log WHERE method = 'incidents.create' AND entity = 'incident' ORDER BY id DESC LIMIT 1").get() as { after: string };
      assert.match(audit.after, /"notDuplicateOf":\{"ids":\[1\],"reason":"另一辆车在同一路口追尾，不是同一事故"\}/);
      // The same again, and Enter: a follow-up of the first candidate, no new incident.
      await page.getByTestId('intake-from-unit').fill('东城');
      await page.getByTestId('intake-occurred-at').fill('23:50');
      await choose(page, 'intake-category', '道路');
      await page.getByTestId('intake-place').fill('建设大道与发展路口');
      await page.getByTestId('intake-summary').fill('续报：伤者已送医');
      await page.getByTestId('intake-duplicates').waitFor();
      await page.keyboard.press('Alt+s');
      await page.getByTestId('dup-decision').waitFor();
      await page.keyboard.press('Enter');
      await page.getByText(/已登记 2026-000[13]/).first().waitFor();
      assert.equal(incidents(), 3);
    } finally {
      await page.context().close();
      await app.stop();
    }
  });

  test('a follow-up from any page by F4, a final report that closes, and a review without the mouse', async () => {
    const app = await startApp(tempDbPath('e2e-intake-followup.db'), { now: START });
    seed(app);
    const page = await openApp(browser, app, '#/dashboard', { as: 'leader' });
    try {
      // The first report by a unit, 2 h 10 min after the occurrence: late.
      await page.evaluate(() => (window.location.hash = '#/intake'));
      await page.getByTestId('intake-from-unit').fill('南湖区');
      await page.getByTestId('intake-received-at').fill(formatTime(START));
      await page.getByTestId('intake-occurred-at').fill(formatTime(START - 130 * MIN));
      await choose(page, 'intake-category', '建筑');
      await page.getByTestId('intake-place').fill('湖滨花园工地');
      await page.getByTestId('intake-deaths').fill('0');
      await page.getByTestId('intake-missing').fill('0');
      await page.getByTestId('intake-seriouslyInjured').fill('1');
      await page.keyboard.press('Alt+s');
      await page.getByText('已登记 2026-0001').first().waitFor();

      // From the log page: F4, type, Enter; no mouse.
      await page.evaluate(() => (window.location.hash = '#/log'));
      await page.getByTestId('log-search').waitFor();
      await page.keyboard.press('F4');
      await page.getByTestId('picker-query').waitFor();
      await page.keyboard.type('湖滨');
      await page.getByTestId('picker-row-2026-0001').waitFor();
      await screenshot(page, 'intake-followup-picker');
      await page.keyboard.press('Enter');
      await page.getByTestId('intake-target').waitFor();
      assert.equal(await page.getByTestId('intake-place').inputValue(), '湖滨花园工地', 'the place is carried over');
      assert.equal(await page.getByTestId('intake-from-unit').inputValue(), '南湖区');
      // The late first report says so, and by how much; a follow-up raises no missing items.
      assert.match(await page.getByTestId('intake-deadline-LATE_FIRST').innerText(), /已迟报 10 分钟/);
      await page.getByTestId('intake-kind').locator('input').focus();
      await page.keyboard.type('终报');
      await page.keyboard.press('Enter');
      const closes = page.locator('[data-testid=intake-closes] input, input[data-testid=intake-closes]').first();
      await closes.waitFor();
      assert.equal(await closes.isChecked(), true);
      await page.getByTestId('intake-summary').fill('伤者已脱险，现场处置完毕');
      await screenshot(page, 'intake-final');
      await page.keyboard.press('Alt+s');
      await page.getByText('已登记 2026-0001').first().waitFor();
      const closed = app.db.prepare("SELECT closed_at AS closedAt, status FROM incidents WHERE number = '2026-0001'").get() as { closedAt: number | null; status: string };
      assert.ok(closed.closedAt !== null, '处置结束 recorded with the final report');
      assert.equal(count(app, "SELECT count(*) AS n FROM flags WHERE code = 'OMITTED_FIELDS' AND status <> 'cleared'"), 0, 'no missing items on the follow-ups');

      // The leader reviews the late flag with the keyboard alone: focus, Enter, type, Ctrl+Enter.
      await page.evaluate(() => (window.location.hash = '#/followup'));
      const row = page.getByTestId('flag-queue').getByRole('row').filter({ hasText: '首报迟报' });
      await row.waitFor();
      await row.getByRole('button', { name: /^确\s?认$/ }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('review-leader').waitFor();
      await page.keyboard.type('王局长');
      await page.keyboard.press('Tab');
      await page.keyboard.type('电话核实，南湖区首报迟报 10 分钟');
      await page.keyboard.press('Control+Enter');
      await page.getByText('已记录').first().waitFor();
      const review = app.db.prepare("SELECT reviewed_by AS by, review FROM flags WHERE code = 'LATE_FIRST'").get() as { by: string; review: string };
      assert.deepEqual({ ...review }, { by: '王局长', review: 'confirmed' });
    } finally {
      await page.context().close();
      await app.stop();
    }
  });
});

function formatTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

