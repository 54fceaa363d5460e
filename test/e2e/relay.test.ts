// End to end, in headless Chromium against browser mode, on a drill clock moved by hand: a flood
// night (issue 20's Measure). A red rainstorm warning is logged from a saved unit group and relayed
// to 18 units, 15 by fax in one dialog and 3 by phone; 15 receipts are recorded from the grid with
// no mouse (counted: under 60 keystrokes), 13 within the 30 minutes and 2 late; 3 units have none at
// the deadline. A leader's instruction asks for feedback by 18:00 the next day and one unit is late.
// At each step the grid, the flags (督办), the deadline strip, the handover and the bulletin agree;
// the leader confirms a flag and the ledger counts it; the grid exports to Excel.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { rosterSeeder } from '../../electron/services/demo/roster-seeder.js';
import { rngFor } from '../../electron/services/demo/rng.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { updateSettings } from '../../electron/services/settings.js';
import { createGroup, createNotice, recordFeedback, recordReceipt, recordRelay } from '../../electron/services/notices/notices.js';
import { noticeFieldsSchema } from '../../shared/domain/notice.js';
import { ensureUnits } from '../helpers/context.js';
import { choose, E2E_PASSWORD, launchBrowser, RESULTS, screenshot, signIn, startApp } from '../helpers/browser.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDbPath } from '../helpers/temp.js';

const at = (hm: string, day = '2026-07-20') => Date.parse(`${day}T${hm}:00+08:00`);
const FAX_FIRST = ['江岸区', '江汉区', '硚口区', '汉阳区', '武昌区', '青山区', '洪山区', '东西湖区', '汉南区', '蔡甸区', '江夏区', '黄陂区'];
const PHONE = ['新洲区', '市水务局', '市自然资源和规划局'];
const FAX_SILENT = ['市住房和城乡建设局', '市交通运输局', '市城管执法委'];
const UNITS = [...FAX_FIRST, ...PHONE, ...FAX_SILENT];

/** Counts every key the officer presses (a name committed by the input method counts as one). */
function keyboard(page: Page) {
  let n = 0;
  return {
    press: async (key: string) => (n++, page.keyboard.press(key)),
    commit: async (text: string) => (n++, page.keyboard.insertText(text)),
    get count() {
      return n;
    },
  };
}

describe('relay and receipts: a flood night (browser mode)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test('a red warning to 18 units, 15 receipts by keyboard, 2 late, 3 missing; an instruction with feedback one unit late', async () => {
    let serverNow = at('20:00');
    const app = await startApp(tempDbPath('e2e-relay.db'), { clock: () => serverNow });
    const ctx: ServiceContext = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup', { now: () => serverNow, kind: 'drill' });
    ensureUnits(ctx, UNITS);
    rosterSeeder.seed(ctx, { days: 3, seed: 1, now: at('08:30') }, rngFor(1, 'roster'));
    const ids = UNITS.map((n) => findUnitByName(app.db, n)!.id);
    createGroup(ctx, { name: '市防指成员单位', unitIds: ids });
    // A flood night at the desk: the screen stays unlocked for four hours of work.
    updateSettings(ctx, { lockMinutes: 240 });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await page.clock.install({ time: serverNow });
    const move = async (to: number) => {
      // The server first, so that a clock sync fired on the way never reads the old time.
      const by = to - serverNow;
      serverNow = to;
      await page.clock.runFor(by);
      // The 30 s rules clock's tick, as the app runs it (the e2e server does not start the timer).
      runRulesClock(ctx);
      // Overnight the screen locks: the officer signs in again.
      if (await page.getByTestId('lock-hint').isVisible()) {
        await page.getByTestId('login-password').fill(E2E_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('duty-clock').waitFor();
      }
    };
    const grid = page.getByTestId('relay-grid');
    const states = (attr: 'receipt' | 'feedback', noticeId: number) =>
      page.evaluate(([a, id]) => Array.from(document.querySelectorAll(`[data-testid^="relay-cell-${id}-"]`)).map((b) => (b as HTMLElement).dataset[a]!), [attr, noticeId] as const);
    const count = (list: string[]) => list.reduce<Record<string, number>>((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {});
    try {
      await page.goto(app.server.url);
      await signIn(page, await app.userFor('admin'));
      await page.getByTestId('duty-clock').waitFor();
      await page.evaluate(() => (window.location.hash = '#/relay'));
      await page.getByTestId('relay-page').waitFor();

      // 20:00 the weather bureau's red rainstorm warning: logged from the saved group of units.
      await page.getByTestId('notice-new').click();
      await page.getByTestId('notice-source').fill('市气象台');
      await page.getByTestId('notice-doc').fill('武气发〔2026〕37号');
      await page.getByTestId('notice-level').fill('暴雨红色预警');
      await page.getByTestId('notice-text').fill('预计未来3小时我市中心城区降雨量将达100毫米以上，请立即启动防汛应急响应。');
      await choose(page, 'notice-group', '市防指');
      await page.getByTestId('notice-save').click();
      await grid.waitFor();
      const noticeId = Number(/#\/relay\/(\d+)/.exec(await page.evaluate(() => window.location.hash))![1]);
      assert.deepEqual(count(await states('receipt', noticeId)), { not_relayed: 18 });
      const kb = keyboard(page);
      const cellAt = (row: number) => page.getByTestId(`relay-cell-${noticeId}-${ids[row]}`);

      // 20:05 three units by phone, each with who answered (P on the unit's cell).
      await move(at('20:05'));
      for (let k = 0; k < PHONE.length; k++) {
        await cellAt(12 + k).focus();
        await page.keyboard.press('p');
        await page.getByTestId('step-person').waitFor();
        await page.keyboard.insertText(['刘洋', '陈静', '孙伟'][k]!);
        await page.keyboard.press('Enter');
        await page.getByTestId('step-person').waitFor({ state: 'detached' });
        await page.waitForFunction(([id, u]) => document.querySelector(`[data-testid="relay-cell-${id}-${u}"]`)?.getAttribute('data-receipt') === 'pending', [noticeId, ids[12 + k]] as const);
      }
      // 20:10 the other 15 by fax in one dialog (B: every unit not yet relayed, fax by default; Ctrl+Enter).
      await move(at('20:10'));
      await cellAt(0).focus();
      await page.keyboard.press('b');
      await page.getByTestId('step-means').waitFor();
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('step-means').waitFor({ state: 'detached' });
      await page.waitForFunction((id) => document.querySelectorAll(`[data-testid^="relay-cell-${id}-"][data-receipt="pending"]`).length === 18, noticeId);
      assert.match(await page.getByTestId(`relay-status-${noticeId}`).innerText(), /按时传达/);
      // The strip counts down to the receipts: 20:35 for the phoned units, 20:40 for the faxed.
      const strip = page.getByTestId('deadline-strip');
      await strip.getByText(/回执（15 个单位）/).waitFor();
      await screenshot(page, 'relay-relayed');

      // 20:25 receipts, no mouse: the focus stands on the first unit owing one; R, the receiver's
      // name, Enter; the focus moves on to the next unit owing one.
      await move(at('20:25'));
      // Where the focus went, kept for the message should a receipt not find its cell.
      await page.evaluate(`(() => {
        window.__focusLog = [];
        const desc = (el) => (el instanceof HTMLElement ? el.tagName + (el.dataset.r ? ' r' + el.dataset.r : '') + (el.dataset.testid ? ' ' + el.dataset.testid : '') : String(el));
        document.addEventListener('focusin', (e) => window.__focusLog.push(performance.now().toFixed(0) + ' in ' + desc(e.target)), true);
        document.addEventListener('focusout', (e) => window.__focusLog.push(performance.now().toFixed(0) + ' out ' + desc(e.target) + ' -> ' + desc(e.relatedTarget)), true);
      })()`);
      await cellAt(0).focus(); // where the bulk relay left it: the dialog hands the focus back there
      const receipt = async (row: number, name: string) => {
        await page.waitForFunction((r) => Number((document.activeElement as HTMLElement | null)?.dataset.r) === r, row, { timeout: 5000 }).catch(async (e: Error) => {
          const log = await page.evaluate(() => ((window as unknown as { __focusLog?: string[] }).__focusLog ?? []).slice(-12).join('\n'));
          throw new Error(`row ${row}: focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}: ${e.message}\n${log}`);
        });
        await kb.press('r');
        await page.getByTestId('step-person').waitFor();
        await kb.commit(name);
        await kb.press('Enter');
        await page.getByTestId('step-person').waitFor({ state: 'detached' });
      };
      const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高';
      for (let row = 0; row < 13; row++) await receipt(row, `${SURNAMES[row]}值班员`);
      // 20:45, past both deadlines: the last two phoned units confirm late; three faxed never do.
      await move(at('20:45'));
      for (let row = 13; row < 15; row++) await receipt(row, `${SURNAMES[row]}值班员`);
      await page.waitForFunction((r) => Number((document.activeElement as HTMLElement | null)?.dataset.r) >= r, 14);
      const keys = kb.count;
      assert.ok(keys < 60, `15 receipts took ${keys} keystrokes`);
      process.stdout.write(`# 15 receipts: ${keys} keystrokes, no mouse\n`);

      // The grid: 13 on time, 2 late, 3 missing.
      await page.waitForFunction((id) => document.querySelectorAll(`[data-testid^="relay-cell-${id}-"][data-receipt="missing"]`).length === 3, noticeId);
      assert.deepEqual(count(await states('receipt', noticeId)), { on_time: 13, late: 2, missing: 3 });
      assert.match(await page.getByTestId(`relay-counts-${noticeId}`).innerText(), /传达 18\/18，回执 15/);
      await screenshot(page, 'relay-grid');
      // The flags, stored: 2 late by 10 minutes, 3 missing.
      const flags = app.db.prepare("SELECT u.name, f.code, f.minutes_late m FROM notice_flags f JOIN units u ON u.id = f.unit_id WHERE f.status != 'cleared' ORDER BY f.id").all() as { name: string; code: string; m: number }[];
      assert.deepEqual(
        flags.map((f) => `${f.code}:${f.name}`).sort(),
        [...PHONE.slice(1).map((n) => `RECEIPT_LATE:${n}`), ...FAX_SILENT.map((n) => `RECEIPT_MISSING:${n}`)].sort(),
      );
      // The strip: the faxed units' 20:40 receipts overdue, naming 3 units.
      await strip.locator('.strip-late', { hasText: /回执（3 个单位）/ }).waitFor();
      // The phoned units all confirmed (late): their deadline leaves the strip at its next reload.
      await strip.getByText(/回执（2 个单位）/).waitFor({ state: 'detached' });

      // 督办: the five flags, each saying what is wrong.
      await page.evaluate(() => (window.location.hash = '#/followup'));
      // One list with the incidents' flags: each notice row says so, and the total counts it.
      const queue = page.getByTestId('flag-queue');
      const noticeRows = queue.locator('tbody tr', { has: page.locator('[data-testid^="notice-flag-problem-"]') });
      await noticeRows.first().waitFor();
      assert.equal(await noticeRows.count(), 5);
      for (const r of await noticeRows.allInnerTexts()) assert.match(r, /^传达/);
      const queueTotal = Number(/共 (\d+) 条/.exec(await page.getByTestId('queue-total').innerText())![1]);
      assert.equal(queueTotal, await queue.locator('tbody tr').count());
      // The kind filter takes the notice codes: 未回执 alone, three rows, counted.
      await choose(page, 'queue-kind', '未回执');
      await page.keyboard.press('Escape');
      await page.getByTestId('queue-total').getByText('共 3 条').waitFor();
      assert.equal(await noticeRows.count(), 3);
      await page.getByTestId('queue-kind').hover();
      await page.getByTestId('queue-kind').locator('.ant-select-clear').click();
      await page.getByTestId('queue-total').getByText(`共 ${queueTotal} 条`).waitFor();
      await page.keyboard.press('Escape');
      const text = await queue.innerText();
      assert.match(text, /未回执：时限 07-20 20:40，至今未回执，已超 \d+ 分钟/);
      assert.match(text, /回执迟：时限 07-20 20:35，07-20 20:45 才回执，超时 10 分钟/);
      await screenshot(page, 'relay-followup');

      // The handover lists the notice with the three units missing.
      await page.evaluate(() => (window.location.hash = '#/handover'));
      await page.getByTestId('handover-prepare').click();
      const handover = page.getByTestId('handover-notices');
      await handover.waitFor();
      assert.match(await handover.innerText(), new RegExp(`未回执 ${FAX_SILENT.join('、')}`));
      await screenshot(page, 'relay-handover');

      // The bulletin's 传达情况: relayed to 18, 15 confirmed, the three named.
      await page.evaluate(() => (window.location.hash = '#/bulletin'));
      await page.getByTestId('bulletin-day').fill('2026-07-20');
      const bulletin = page.getByTestId('bulletin-relay');
      await bulletin.locator('tbody tr', { hasText: '暴雨红色预警' }).waitFor();
      const row = await bulletin.locator('tbody tr').first().locator('td').allInnerTexts();
      assert.deepEqual(row.slice(2, 6), ['18', '18', '15', '—']);
      assert.match(row[6]!, new RegExp(`未回执：${FAX_SILENT.join('、')}`));
      await bulletin.scrollIntoViewIfNeeded();
      await screenshot(page, 'relay-bulletin');

      // 20:50 the mayor's instruction on the warning: feedback from five districts by 18:00 tomorrow.
      const five = ids.slice(0, 5);
      const instruction = createNotice(
        ctx,
        noticeFieldsSchema.parse({ kind: 'instruction', source: '市长', text: '请各区连夜排查低洼地段，及时转移群众，明日18时前报告落实情况。', receivedAt: at('20:50'), feedbackDueAt: at('18:00', '2026-07-21'), feedbackRequired: '排查点位数、转移人数', unitIds: five }),
      );
      serverNow = at('20:55');
      recordRelay(ctx, { noticeId: instruction.id, unitIds: five, means: 'system', answeredBy: '' });
      for (const u of five) recordReceipt(ctx, { noticeId: instruction.id, unitId: u, receiver: '值班员' });
      serverNow = at('17:30', '2026-07-21');
      for (const u of five.slice(0, 4)) recordFeedback(ctx, { noticeId: instruction.id, unitId: u, text: '已排查 12 处，转移 86 人' });
      await move(at('18:01', '2026-07-21'));
      await page.evaluate((id) => (window.location.hash = `#/relay/${id}`), instruction.id);
      await page.waitForFunction((id) => document.querySelectorAll(`[data-testid^="relay-cell-${id}-"][data-feedback="missing"]`).length === 1, instruction.id);
      await strip.getByText(/反馈（1 个单位）/).waitFor();
      // 18:30 武昌区 feeds back by phone: F on its cell, the text, Enter.
      await move(at('18:30', '2026-07-21'));
      await page.getByTestId(`relay-cell-${instruction.id}-${five[4]}`).focus();
      await page.keyboard.press('f');
      await page.getByTestId('step-text').waitFor();
      await page.keyboard.insertText('已排查 9 处，转移 40 人');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.querySelectorAll(`[data-testid^="relay-cell-${id}-"][data-feedback="late"]`).length === 1, instruction.id);
      assert.deepEqual(count(await states('feedback', instruction.id)), { on_time: 4, late: 1 });
      await screenshot(page, 'relay-instruction');

      // The leader confirms the late feedback; the ledger counts it against 武昌区.
      await page.evaluate(() => (window.location.hash = '#/followup'));
      await queue.waitFor();
      const fbRow = queue.locator('tr', { hasText: '反馈迟' });
      assert.match(await fbRow.innerText(), /武昌区[\s\S]*时限 07-21 18:00，07-21 18:30 才反馈，超时 30 分钟/);
      await fbRow.locator('[data-testid^="notice-flag-confirm-"]').click();
      await page.getByTestId('review-leader').fill('王局长');
      await page.getByTestId('review-reason').fill('电话核实：武昌区反馈超时');
      await page.getByTestId('review-save').click();
      // Confirmed, it leaves the list of those awaiting review.
      await queue.locator('tr', { hasText: '反馈迟' }).waitFor({ state: 'detached' });
      assert.deepEqual(app.db.prepare("SELECT review, reviewed_by AS by FROM notice_flags WHERE code = 'FEEDBACK_LATE'").all(), [{ review: 'confirmed', by: '王局长' }]);
      await page.evaluate(() => (window.location.hash = '#/ledger'));
      const ledgerRow = page.getByTestId('ledger-table').locator('tr', { hasText: '武昌区' }).first();
      await ledgerRow.waitFor();
      const cells = await ledgerRow.locator('td').allInnerTexts();
      assert.deepEqual(cells.slice(-2), ['0', '1'], `ledger row: ${cells.join(' | ')}`);

      // The grid exports to a print-ready sheet.
      await page.evaluate((id) => (window.location.hash = `#/relay/${id}`), noticeId);
      await grid.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-export').click()]);
      mkdirSync(RESULTS, { recursive: true });
      const file = join(RESULTS, 'relay-grid.xlsx');
      await download.saveAs(file);
      writeFileSync(join(RESULTS, 'relay-keystrokes.txt'), `${keys}\n`);
    } catch (e) {
      await screenshot(page, 'relay-failed').catch(() => undefined);
      const said = await page.locator('.ant-message, .ant-modal').allInnerTexts().catch(() => []);
      const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'none').catch(() => '?');
      throw new Error(`${(e as Error).message}\npage said: ${said.join(' | ')}\nfocused: ${focused}`);
    } finally {
      await context.close();
      await app.stop();
    }
  });

  test('the admin keeps a unit group; a notice picks it; a correction of the notice, and of a receipt from the cell history, is a revision with its reason', async () => {
    const serverNow = at('09:00');
    const app = await startApp(tempDbPath('e2e-relay-groups.db'), { clock: () => serverNow });
    const ctx: ServiceContext = createContext(app.db, { dbPath: '', transport: 'http', version: 'e2e' }, 'e2e:setup', { now: () => serverNow, kind: 'drill' });
    ensureUnits(ctx, ['江岸区', '江汉区', '硚口区']);
    // The notice belongs to an incident logged this morning (an instruction on its report).
    const incident = sceneIncident(ctx, { unit: '江岸区', occurredAt: at('08:00'), receivedAt: at('08:10') });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.clock.install({ time: serverNow });
    try {
      await page.goto(app.server.url);
      await signIn(page, await app.userFor('admin'));
      await page.evaluate(() => (window.location.hash = '#/relay'));
      await page.getByTestId('notice-groups').click();
      await page.getByTestId('group-name').fill('中心城区');
      await page.getByTestId('group-units').click();
      for (const name of ['江岸区', '江汉区']) {
        await page.keyboard.type(name);
        await page.keyboard.press('Enter');
      }
      await page.keyboard.press('Escape');
      await page.getByTestId('group-save').click();
      await page.getByTestId('group-list').getByText('中心城区').waitFor();
      await page.locator('.ant-modal-close:visible').click();
      await page.getByTestId('group-list').waitFor({ state: 'detached' });
      await page.getByTestId('notice-new').click();
      await page.getByTestId('notice-source').fill('省防指');
      await page.getByTestId('notice-level').fill('防汛Ⅳ级应急响应');
      await page.getByTestId('notice-text').fill('启动防汛Ⅳ级应急响应');
      await choose(page, 'notice-group', '中心城区');
      await choose(page, 'notice-incident', incident.number);
      await page.getByTestId('notice-save').click();
      await page.getByTestId('relay-grid').waitFor();
      const id = Number(/#\/relay\/(\d+)/.exec(await page.evaluate(() => window.location.hash))![1]);
      assert.equal(await page.locator(`[data-testid^="relay-cell-${id}-"]`).count(), 2);
      assert.equal(await page.getByTestId(`notice-incident-link-${id}`).innerText(), `所属事件 ${incident.number}`);
      assert.equal((app.db.prepare('SELECT incident_id AS i FROM notice_revisions WHERE notice_id = ?').get(id) as { i: number }).i, incident.id);
      // The time was typed wrong: corrected, with a reason; the first revision is kept.
      await page.getByTestId(`notice-revise-${id}`).click();
      await page.getByTestId('notice-received').fill('2026-07-20 08:40');
      await page.getByTestId('notice-reason').fill('收文时间应为 08:40');
      await page.getByTestId('notice-save').click();
      await page.getByTestId(`relay-head-${id}`).getByText('更正：收文时间应为 08:40').waitFor();
      const revisions = app.db.prepare('SELECT revision, received_at AS r, reason FROM notice_revisions WHERE notice_id = ? ORDER BY revision').all(id) as { revision: number; r: number; reason: string | null }[];
      // Left blank, the first was "now" on the page's clock, a moment after 09:00.
      assert.ok(revisions[0]!.r >= at('09:00') && revisions[0]!.r < at('09:01'));
      assert.deepEqual(revisions.map((x) => [x.revision, x.reason]), [[1, null], [2, '收文时间应为 08:40']]);
      assert.equal(revisions[1]!.r, at('08:40'));
      await screenshot(page, 'relay-revised');

      // A receipt logged at the wrong time is corrected from the cell's history: a new row with
      // its reason, the first kept (nothing deleted), the grid showing the corrected time.
      const jiangan = findUnitByName(app.db, '江岸区')!.id;
      recordRelay(ctx, { noticeId: id, unitIds: [jiangan], means: 'fax', answeredBy: '' });
      const wrong = recordReceipt(ctx, { noticeId: id, unitId: jiangan, receiver: '王值班员' });
      await page.reload();
      await page.getByTestId('relay-grid').waitFor();
      await page.getByTestId(`relay-cell-${id}-${jiangan}`).click();
      await page.getByTestId('step-rows').waitFor();
      await page.getByTestId(`step-correct-${wrong.id}`).click();
      await page.getByTestId('step-correct-time').fill('2026-07-20 08:55');
      await page.getByTestId('step-correct-reason').fill('回执时间应为 08:55，补录时写成了 09:00');
      await page.getByTestId('step-save').click();
      await page.getByTestId('step-rows').waitFor({ state: 'detached' });
      const steps = app.db.prepare("SELECT id, at, corrects_id AS c, correction_reason AS why FROM notice_steps WHERE notice_id = ? AND step = 'receipt' ORDER BY id").all(id) as { id: number; at: number; c: number | null; why: string | null }[];
      assert.deepEqual(steps.map((x) => [x.c, x.at, x.why]), [[null, wrong.at, null], [wrong.id, at('08:55'), '回执时间应为 08:55，补录时写成了 09:00']]);
      await page.getByTestId(`relay-cell-${id}-${jiangan}`).getByText('08:55').waitFor();

      // The relay went by phone, not by fax: corrected from the same history with the keys alone
      // (Enter on the cell, Tab to 更正, the means, who answered, the reason, Ctrl+Enter); the time
      // left as shown stays the logged one, to the second.
      const relayStep = app.db.prepare("SELECT id, at FROM notice_steps WHERE notice_id = ? AND unit_id = ? AND step = 'relay'").get(id, jiangan) as { id: number; at: number };
      await page.getByTestId(`relay-cell-${id}-${jiangan}`).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId(`step-correct-${relayStep.id}`).waitFor();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      for (let k = 0; k < 12 && (await focused()) !== `step-correct-${relayStep.id}`; k++) await page.keyboard.press('Tab');
      assert.equal(await focused(), `step-correct-${relayStep.id}`, 'the 更正 of the relay is reached by Tab');
      await page.keyboard.press('Enter');
      await page.getByTestId('step-correct-time').waitFor();
      assert.equal(await focused(), 'step-correct-time');
      await page.keyboard.press('Tab');
      await page.keyboard.type('电话');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '电话' }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type('李科长');
      await page.keyboard.press('Tab');
      await page.keyboard.type('实为电话传达，李科长接听');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('step-rows').waitFor({ state: 'detached' });
      const relays = app.db.prepare("SELECT at, means, person, corrects_id AS c, correction_reason AS why FROM notice_steps WHERE notice_id = ? AND unit_id = ? AND step = 'relay' ORDER BY id").all(id, jiangan);
      assert.deepEqual(relays, [
        { at: relayStep.at, means: 'fax', person: '', c: null, why: null },
        { at: relayStep.at, means: 'phone', person: '李科长', c: relayStep.id, why: '实为电话传达，李科长接听' },
      ]);
    } finally {
      await context.close();
      await app.stop();
    }
  });
});
